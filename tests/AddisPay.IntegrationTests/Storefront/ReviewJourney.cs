using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// A signed-in shopper reviews what a delivered order brought: the order (placed and paid over the API, then processed,
/// shipped and delivered by staff through Orders' fulfilment endpoints) offers "Write a review" beside its line; a review
/// too short is refused beside its field; the one published shows beside the line; a stale second tab's review is refused
/// as already written (a message, not an error page) and, edited there, replaces it. Another order's number is a page that
/// does not exist.
/// </summary>
public static class ReviewJourney
{
    /// <returns>The delivered order (its id and number), for the journey's next steps.</returns>
    public static async Task<(Guid Id, string Number)> ReviewDeliveredOrderAsync(IBrowserContext context, StorefrontShop shop, string email, string journey, bool amharic)
    {
        string T(string en, string am) => amharic ? am : en;
        var delivered = await DeliveredOrderAsync(shop, email);
        var number = delivered.Number;
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var product = T("Yirgacheffe coffee beans", "የይርጋጨፌ ቡና");

        await page.GotoAsync("/account/orders/" + number);
        await Expect(page.Locator(".order-status")).ToContainTextAsync(T("Delivered", "ደርሷል"));
        var write = page.GetByRole(AriaRole.Link, new() { Name = T("Write a review", "ግምገማ ይጻፉ") + " " + product });
        var reviewPage = await write.GetAttributeAsync("href");
        // The same form in a second tab, opened before the review is written: it will be stale.
        var secondTab = await context.NewPageAsync();
        await secondTab.GotoAsync(reviewPage!);

        await write.ClickAsync();
        await Expect(h1).ToHaveTextAsync(T($"Review {product}", $"{product}ን ይገምግሙ"));
        await page.GetByLabel(T("4 out of 5 stars", "ከ5 ኮከብ 4")).CheckAsync();
        await page.GetByLabel(T("Title", "ርዕስ"), new() { Exact = true }).FillAsync(T("Fresh and fruity", "ትኩስ እና ጣፋጭ"));
        await page.GetByLabel(T("Your review", "የእርስዎ ግምገማ"), new() { Exact = true }).FillAsync(T("Good", "ጥሩ"));
        await page.GetByRole(AriaRole.Button, new() { Name = T("Publish the review", "ግምገማውን አትም") }).ClickAsync();
        await Expect(page.Locator("#text-error")).ToHaveTextAsync(T("Write at least 10 characters (at most 4,000).", "ቢያንስ 10 ቁምፊዎች ይጻፉ (ቢበዛ 4,000)።"));
        await Expect(page.GetByLabel(T("Title", "ርዕስ"), new() { Exact = true })).ToHaveValueAsync(T("Fresh and fruity", "ትኩስ እና ጣፋጭ"));
        await PageChecks.PassAsync(page, journey, "r1-review-refused");

        await page.GetByLabel(T("Your review", "የእርስዎ ግምገማ"), new() { Exact = true })
            .FillAsync(T("Blueberry and jasmine, roasted a week before it came.", "የብሉቤሪ እና የጃስሚን ጣዕም፣ ከመድረሱ ሳምንት በፊት የተቆላ።"));
        await page.GetByRole(AriaRole.Button, new() { Name = T("Publish the review", "ግምገማውን አትም") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Thank you: your review is saved.", "እናመሰግናለን፦ ግምገማዎ ተቀምጧል።"));
        await Expect(page.Locator(".reviewed")).ToHaveTextAsync(T("You reviewed it: 4 out of 5 stars.", "ገምግመውታል፦ ከ5 ኮከብ 4።"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = T("Edit your review", "ግምገማዎን ያስተካክሉ") + " " + product })).ToBeVisibleAsync();
        await PageChecks.PassAsync(page, journey, "r2-reviewed");

        // The stale tab still offers to write one: Reviews refuses a second review (409), said on the page, which now edits the first.
        await secondTab.GetByLabel(T("5 out of 5 stars", "ከ5 ኮከብ 5")).CheckAsync();
        await secondTab.GetByLabel(T("Title", "ርዕስ"), new() { Exact = true }).FillAsync(T("Even better the second week", "በሁለተኛው ሳምንት የበለጠ"));
        await secondTab.GetByLabel(T("Your review", "የእርስዎ ግምገማ"), new() { Exact = true })
            .FillAsync(T("Still fresh, and better ground coarser.", "አሁንም ትኩስ ነው፣ ሻከር ብሎ ሲፈጭ የበለጠ ይጣፍጣል።"));
        await secondTab.GetByRole(AriaRole.Button, new() { Name = T("Publish the review", "ግምገማውን አትም") }).ClickAsync();
        await Expect(secondTab.GetByRole(AriaRole.Alert)).ToHaveTextAsync(T("You have already reviewed this product: edit that review below instead.",
            "ይህን ምርት አስቀድመው ገምግመውታል፦ በምትኩ ያንን ግምገማ ከታች ያስተካክሉ።"));
        await Expect(secondTab.GetByLabel(T("Title", "ርዕስ"), new() { Exact = true })).ToHaveValueAsync(T("Even better the second week", "በሁለተኛው ሳምንት የበለጠ"));
        await secondTab.GetByRole(AriaRole.Button, new() { Name = T("Save the review", "ግምገማውን አስቀምጥ") }).ClickAsync();
        await Expect(secondTab.Locator(".reviewed")).ToHaveTextAsync(T("You reviewed it: 5 out of 5 stars.", "ገምግመውታል፦ ከ5 ኮከብ 5።"));
        await secondTab.CloseAsync();

        // Only the shopper's own orders: another number is a page that does not exist.
        var other = await page.GotoAsync($"/account/orders/AP999999/review/{Guid.NewGuid()}");
        Assert.Equal(404, other!.Status);
        await page.CloseAsync();
        return delivered;
    }

    /// <summary>
    /// An order of the Yirgacheffe beans for the shopper signed in as <paramref name="email"/>, placed and paid over the API
    /// (the browser's checkout is tested beside it) and delivered by staff: its id and number.
    /// </summary>
    internal static async Task<(Guid Id, string Number)> DeliveredOrderAsync(StorefrontShop shop, string email)
    {
        var (buyer, order) = await UnpaidOrderAsync(shop, email);
        using var orders = shop.Api("orders");
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        foreach (var (step, body) in new (string, object?)[]
                 {
                     ("processing", null), ("shipment", new { carrier = "Ethio Post", trackingNumber = "EP-2026-0042" }), ("delivery", null)
                 })
        {
            using var staff = await orders.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/{step}", body, Tokens.Admin()));
            await Shop.Expect(staff, HttpStatusCode.OK);
        }
        return (order.Id, order.Number);
    }

    /// <summary>
    /// An order of the Yirgacheffe beans placed over the API for the shopper signed in as <paramref name="email"/> and not
    /// paid yet, and the buyer (over the API) that placed it.
    /// </summary>
    internal static async Task<(Buyer Buyer, AddisPay.Orders.Domain.OrderView Order)> UnpaidOrderAsync(StorefrontShop shop, string email)
    {
        using var users = shop.Api("users");
        var tokens = await new Accounts(users, "").SignInAsync(email, AccountJourney.Password);
        using var products = shop.Api("products");
        var shopperId = Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).Subject);
        var buyer = new Buyer(shop.Api("cart"), shop.Api("orders"), shop.Api("payments"), shopperId, tokens.AccessToken);

        var beans = await products.GetFromJsonAsync<JsonElement>("/api/products/yirgacheffe-coffee-beans");
        return (buyer, await buyer.OrderAsync(await buyer.FillCartAsync(beans.GetProperty("id").GetGuid())));
    }
}
