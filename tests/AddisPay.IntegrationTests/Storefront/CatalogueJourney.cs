using System.Net.Http.Headers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// The catalogue side of the shop in a real browser: a category narrowed by brand and sorted by price in its GET form, the
/// product page's pictures, reviews with helpful votes and variant picker, and the back-in-stock watch and a helpful vote
/// (counted once), first anonymous (sent to sign in) then signed in (a bearer token in every request stands in for the
/// sign-in, built elsewhere).
/// </summary>
public static class CatalogueJourney
{
    /// <param name="picturesServed">Whether the shop's address also serves /api/products (one process; split, an ingress would).</param>
    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, string journey, bool picturesServed)
    {
        var shopper = Guid.NewGuid();
        await ReviewHararAsync(shop);

        await using var context = await browser.PhoneAsync(shop.Address);
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.GotoAsync("/c/coffee-beans");
        await page.GetByText("Filter and sort").ClickAsync();
        await page.GetByLabel("Tomoca (").CheckAsync();
        await page.GetByLabel("Sort by").SelectOptionAsync("price-desc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("brand=Tomoca") && url.Contains("sort=price-desc"));
        await Expect(page.Locator(".product-card h3")).ToHaveTextAsync(["Harar longberry coffee", "Yirgacheffe coffee beans"]);
        var first = page.Locator(".product-card img").First;
        await Expect(first).ToHaveAttributeAsync("loading", "eager");
        await Expect(page.Locator(".product-card img").Nth(1)).ToHaveAttributeAsync("loading", "lazy");
        await Expect(first).ToHaveAttributeAsync("alt", "Harar longberry coffee");
        await PageChecks.PassAsync(page, journey, "1-category-filtered");

        // Harar: a product no other journey opens, so no page has kept its reviews from before this one was written.
        await page.GetByRole(AriaRole.Link, new() { Name = "Harar longberry coffee", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Harar longberry coffee");
        var picture = page.Locator("img.product-image");
        await Expect(picture).ToHaveAttributeAsync("width", "400");
        await Expect(picture).ToHaveAttributeAsync("height", "400");
        if (picturesServed)
            Assert.True(await picture.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the drawn picture loads and decodes");
        await Expect(page.Locator(".review-list .review")).ToHaveCountAsync(1);
        await Expect(page.Locator(".review h3")).ToHaveTextAsync("Bright and floral");
        await Expect(page.Locator(".review .helpful")).ToHaveTextAsync("1 shoppers found this helpful");
        await Expect(page.Locator(".rating-average")).ToHaveTextAsync("Rated 5.0 out of 5 by 1 shoppers");
        await PageChecks.PassAsync(page, journey, "2-product-reviews");
        // Only a signed-in shopper's vote counts: a visitor is sent to sign in and back to the product.
        await page.GetByRole(AriaRole.Button, new() { Name = "Helpful (Bright and floral)" }).ClickAsync();
        await SentToSignInAsync(page, "/account/sign-in?returnUrl=%2Fp%2Fharar-longberry-coffee");

        // The variant's line says what Products holds for it now (other journeys in this shop buy the demo coffee too). Read
        // signed in: an anonymous read may come from the output cache, which follows a purchase only after its event.
        int available;
        using (var catalogue = shop.Api("products"))
        {
            catalogue.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.Customer(Guid.NewGuid().ToString()));
            available = (await catalogue.GetFromJsonAsync<JsonElement>("/api/products/yirgacheffe-coffee-beans")).GetProperty("variants")
                .EnumerateArray().Single(v => v.GetProperty("sku").GetString() == "COF-YIRG-500-G").GetProperty("available").GetInt32();
        }
        Assert.InRange(available, 1, 120);
        await page.GotoAsync("/p/yirgacheffe-coffee-beans");
        await Expect(page.Locator("#variant option[value='COF-YIRG-500-G']")).ToHaveTextAsync($"size: 500 g · ETB 650.00 · {available} available");

        // The shawl's tilet border is sold out: its page offers to watch it, and an anonymous shopper is sent to sign in first.
        await page.GotoAsync("/p/netela-shawl-hand-woven?variant=NET-NETE-TILET-BORDER");
        await Expect(page.Locator(".product .stock")).ToHaveTextAsync("Out of stock");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tell me when it is back" }).ClickAsync();
        await SentToSignInAsync(page, "/account/sign-in?returnUrl=%2Fp%2Fnetela-shawl-hand-woven");

        await context.SetExtraHTTPHeadersAsync([new("Authorization", "Bearer " + Tokens.Customer(shopper.ToString()))]);
        await page.GotoAsync("/p/netela-shawl-hand-woven?variant=NET-NETE-TILET-BORDER");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tell me when it is back" }).ClickAsync();
        await Expect(page.Locator(".watch .confirmation")).ToHaveTextAsync("We will email you when it is back in stock.");
        await PageChecks.PassAsync(page, journey, "3-watching");
        using (var notifications = shop.Api("notifications"))
        {
            notifications.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Customer(shopper.ToString()));
            var watches = await notifications.GetFromJsonAsync<JsonElement>("/api/notifications/watches");
            Assert.Equal("NET-NETE-TILET-BORDER", Assert.Single(watches.EnumerateArray()).GetProperty("sku").GetString());
        }

        // Signed in, the vote counts at once (past the shop's short cache of reviews), and only once however often it is cast.
        await page.GotoAsync("/p/harar-longberry-coffee");
        await page.GetByRole(AriaRole.Button, new() { Name = "Helpful (Bright and floral)" }).ClickAsync();
        await Expect(page.Locator(".reviews [role=status]")).ToHaveTextAsync("Thank you: your vote is counted.");
        await Expect(page.Locator(".review .helpful")).ToHaveTextAsync("2 shoppers found this helpful");
        await PageChecks.PassAsync(page, journey, "3b-voted-helpful");
        var again = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Helpful (Bright and floral)" }).ClickAsync(),
            r => r.Request.Method == "GET" && r.Url.Contains("voted="));
        Assert.Equal(200, again.Status);
        await Expect(page.Locator(".review .helpful")).ToHaveTextAsync("2 shoppers found this helpful");

        // Signed in, the home page has a place for the shopper's own suggestions.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "For you" })).ToBeVisibleAsync();
        await PageChecks.PassAsync(page, journey, "4-home-signed-in");
    }

    /// <summary>
    /// The visitor sees the sign-in page, asked to return where they were. Judged by the address and the heading, as the
    /// shopper would, not by the page's load event: in one fresh-clone run the sign-in page was at its address with the
    /// network idle, but Chromium never reported its load event (WaitForURLAsync waits for it) and the step timed out.
    /// </summary>
    private static async Task SentToSignInAsync(IPage page, string address)
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(address)));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    }

    /// <summary>One shopper's five-star review of the Harar coffee, found helpful by another (once per shop).</summary>
    private static async Task ReviewHararAsync(StorefrontShop shop)
    {
        using var products = shop.Api("products");
        var product = await products.GetFromJsonAsync<JsonElement>("/api/products/harar-longberry-coffee");
        using var reviews = shop.Api("reviews");
        using var write = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/products/{product.GetProperty("id").GetGuid()}")
        {
            Content = JsonContent.Create(new { rating = 5, title = "Bright and floral", text = "Tastes of jasmine and lemon, freshly roasted.", language = "en" })
        };
        write.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Customer(Guid.NewGuid().ToString()));
        using var written = await reviews.SendAsync(write);
        Assert.Equal(System.Net.HttpStatusCode.Created, written.StatusCode);
        var reviewId = (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var vote = new HttpRequestMessage(HttpMethod.Post, $"/api/reviews/{reviewId}/helpful");
        vote.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Customer(Guid.NewGuid().ToString()));
        using var voted = await reviews.SendAsync(vote);
        Assert.True(voted.IsSuccessStatusCode, $"helpful vote: {(int)voted.StatusCode}");
    }
}
