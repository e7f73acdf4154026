using AddisPay.IntegrationTests.Storefront;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// An admin looking after people and the platform in the browser: hides a customer's reported review from the moderation
/// queue (it leaves the product's reviews), sees an event the cart's broken repricing handler dead-lettered on the
/// operations page and replays it once the handler is fixed (the cart is repriced), finds a customer and locks then unlocks
/// the account; axe on the customers list and detail, the reviews queue and the operations pages.
/// </summary>
public static class OperationsAdminJourney
{
    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, Uri backOffice, string journey)
    {
        // What customers and the catalogue did before the admin looks, through the API: three stories at once, since each
        // mostly waits (on another process, on an event's attempts).
        var catalogue = new Shop(shop.Api("products"), shop.Api("cart"));
        var product = await catalogue.CreateProductAsync($"OPS-{Guid.NewGuid():N}"[..16], 120m, name: "Harar coffee for moderation");
        var accounts = new Accounts(shop.Api("users"), "");
        var title = "Stale beans " + Guid.NewGuid().ToString("N")[..8];
        using var reviews = shop.Api("reviews");
        using var cartApi = shop.Api("cart");
        var lockEmail = $"lock-{Guid.NewGuid():N}@example.et";
        var reported = ReportedReviewAsync(accounts, reviews, product.Id, title);
        var parked = ParkedPriceChangeAsync(catalogue, cartApi, product.Id);
        var registered = accounts.RegisterAsync(lockEmail, fullName: "Tigist Alemu");
        await Task.WhenAll(reported, parked, registered);
        var (reviewId, eventId, cart) = (reported.Result, parked.Result.EventId, parked.Result.CartId);

        var (adminContext, page, h1) = await StaffBrowser.SignInAsAdminAsync(browser, backOffice, "/admin/sign-in", "Today");
        await using var context = adminContext;
        await Expect(page.Locator("[data-figure=deadletters]")).Not.ToHaveTextAsync("0");

        // The reported review waits in the queue with its report's reason; hidden, it leaves the product's reviews.
        await page.GetByRole(AriaRole.Link, new() { Name = "Reviews", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Reviews to moderate");
        var review = page.Locator($"[data-review='{reviewId}']");
        await Expect(review.Locator("[data-reason]")).ToHaveTextAsync("offensive");
        await PageChecks.PassAsync(page, journey, "o1-reviews", phone: false);
        await review.GetByLabel("Reason for hiding").FillAsync("Insults a named farmer");
        await review.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The review is hidden.");
        await Expect(review).ToHaveCountAsync(0);
        Assert.DoesNotContain(title, await reviews.GetStringAsync($"/api/reviews/products/{product.Id}"));
        using (var storefront = new HttpClient { BaseAddress = shop.Address })
            Assert.DoesNotContain(title, await storefront.GetStringAsync($"/p/{product.Slug}"));

        // The parked price change, replayed once the handler works again: the cart learns the new price.
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Messages sent");
        await PageChecks.PassAsync(page, journey, "o2-messages", phone: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Event inbox" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Event inbox");
        var letter = page.Locator($"[data-dead-letter='{eventId}']");
        await Expect(letter).ToContainTextAsync("products.product_price_changed");
        await PageChecks.PassAsync(page, journey, "o3-events", phone: false);
        await letter.GetByLabel("I confirm: the handler was fixed.").CheckAsync();
        await letter.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Replayed products.product_price_changed: the handler applied it.");
        await Expect(letter.Locator("[data-replayed]")).ToContainTextAsync(BackOfficeOrders.DemoAdmin);
        var notices = (await cartApi.GetFromJsonAsync<JsonElement>($"/api/cart/{cart}")).GetProperty("notices").EnumerateArray();
        Assert.Contains(notices, n => n.GetProperty("newPriceEtb").GetDecimal() == 135m);
        await page.GetByRole(AriaRole.Link, new() { Name = "Payments needing attention" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Payments needing attention");
        await PageChecks.PassAsync(page, journey, "o4-payments", phone: false);

        // A customer found by e-mail, locked (their sessions end) and unlocked.
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Customers");
        await page.GetByLabel("E-mail, name or phone").FillAsync(lockEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Accounts found: 1");
        await PageChecks.PassAsync(page, journey, "o5-customers", phone: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tigist Alemu" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Tigist Alemu");
        await PageChecks.PassAsync(page, journey, "o6-customer", phone: false);
        var state = page.Locator("[data-locked]");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Chargeback fraud under review");
        await page.GetByLabel("I confirm: their sessions end at once.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lock account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The account is locked; its sessions have ended.");
        await Expect(state).ToHaveAttributeAsync("data-locked", "true");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Bank cleared the payment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The account is unlocked.");
        await Expect(state).ToHaveAttributeAsync("data-locked", "false");
    }

    /// <summary>A customer's review of the product, reported as offensive by another customer; shown until a moderator acts.</summary>
    private static async Task<Guid> ReportedReviewAsync(Accounts accounts, HttpClient reviews, Guid productId, string title)
    {
        var author = await accounts.NewCustomerAsync();
        var reporter = await accounts.NewCustomerAsync();
        Guid reviewId;
        using (var written = await reviews.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/products/{productId}",
                   new { rating = 1, title, text = "The farmer who grew these is a thief and a liar.", language = "en" }, author.Tokens.AccessToken)))
        {
            await Shop.Expect(written, HttpStatusCode.Created);
            reviewId = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        using (var reported = await reviews.SendAsync(Shop.Request(HttpMethod.Post, $"/api/reviews/{reviewId}/reports",
                   new { reason = "offensive", note = "Insults the farmer" }, reporter.Tokens.AccessToken)))
            await Shop.Expect(reported, HttpStatusCode.Accepted);
        Assert.Contains(title, await reviews.GetStringAsync($"/api/reviews/products/{productId}"));
        return reviewId;
    }

    /// <summary>
    /// The cart's repricing handler broken while the product's price changes: the event reaches the cart's inbox, fails every
    /// attempt and parks; the handler is fixed again before the admin looks. The parked event's id and the cart's.
    /// </summary>
    private static async Task<(string EventId, Guid CartId)> ParkedPriceChangeAsync(Shop catalogue, HttpClient cartApi, Guid productId)
    {
        var cart = await catalogue.CreateCartAsync();
        (await catalogue.AddItemAsync(cart.Id, productId, 1)).Dispose();
        var changedAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await BreakAsync(cartApi, ["RepriceCartLines"]);
        try
        {
            await catalogue.ChangePriceAsync(productId, 135m);
            var eventId = await Eventually.Until(async () =>
            {
                using var page = await cartApi.SendAsync(Shop.Request(HttpMethod.Get, "/api/cart/operations/dead-letters?waiting=true", null, Tokens.Admin()));
                var items = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray();
                return items.Where(d => d.GetProperty("eventType").GetString() == "products.product_price_changed" && d.GetProperty("deadLetteredAt").GetDateTimeOffset() >= changedAt)
                    .Select(d => d.GetProperty("eventId").GetString()).FirstOrDefault() ?? "";
            }, id => id.Length > 0, "the price change to be dead-lettered in the cart's inbox");
            return (eventId, cart.Id);
        }
        finally
        {
            await BreakAsync(cartApi, []);
        }
    }

    private static async Task BreakAsync(HttpClient cart, string[] handlers)
    {
        using var response = await cart.SendAsync(Shop.Request(HttpMethod.Put, "/api/cart/operations/failing-handlers", new { handlers }, Tokens.Admin()));
        await Shop.Expect(response, HttpStatusCode.OK);
    }
}
