using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// A signed-in shopper with a cart checks out: a new address with a +251 phone in an Ethiopian region, the quote with
/// 15% VAT, the place button clicked twice (one order), the sandbox gateway's page, the return page that waits for the
/// payment to be confirmed, Back (the order, not a second checkout), the order's timeline, the list of orders, and a
/// cancellation before shipping. axe on every storefront page on the way.
/// </summary>
public static class CheckoutJourney
{
    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, string journey)
    {
        var (context, _) = await AccountJourney.RunAsync(browser, shop, journey, amharic: false, stopSignedIn: true);
        await using var _ = context;
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.GotoAsync("/cart");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to checkout" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Checkout");
        await Expect(page.Locator(".quote")).ToContainTextAsync("VAT (15%)");
        await PageChecks.PassAsync(page, journey, "c1-checkout");

        // A new address; a phone the shop can't ship to is refused beside its field, and what was typed stays.
        await page.GetByLabel("A new address").CheckAsync();
        await page.GetByLabel("Recipient's full name").FillAsync("Selam Tesfaye");
        await page.GetByLabel("Phone (+251…)").FillAsync("12345");
        await page.GetByLabel("Region").SelectOptionAsync("Oromia");
        await page.GetByLabel("City or town").FillAsync("Adama");
        await page.GetByLabel("House number, street, landmark").FillAsync("Near the bus station, house 7");
        await page.GetByLabel("Sandbox (test payment, no real money)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order and pay" }).ClickAsync();
        await Expect(page.Locator("#phone-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("City or town")).ToHaveValueAsync("Adama");
        await PageChecks.PassAsync(page, journey, "c2-checkout-refused");

        await page.GetByLabel("Phone (+251…)").FillAsync("0911 22 33 44");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update totals" }).ClickAsync();
        await Expect(page.Locator(".quote")).ToContainTextAsync("shipping to Oromia");

        // The attempt that pays starts from the checkout page itself (the refused and re-quoted posts above stay in the
        // history as form posts, which a browser will not show again without posting them).
        await page.GotoAsync("/checkout");
        await page.GetByLabel("A new address").CheckAsync();
        await page.GetByLabel("Recipient's full name").FillAsync("Selam Tesfaye");
        await page.GetByLabel("Phone (+251…)").FillAsync("0911 22 33 44");
        await page.GetByLabel("Region").SelectOptionAsync("Oromia");
        await page.GetByLabel("City or town").FillAsync("Adama");
        await page.GetByLabel("House number, street, landmark").FillAsync("Near the bus station, house 7");
        // Two clicks on the button post the form twice with the same Idempotency-Key: one order.
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order and pay" }).DblClickAsync();
        var gatewayPage = page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Sandbox payment / የሙከራ ክፍያ" });
        var refused = page.GetByRole(AriaRole.Alert);
        await Expect(gatewayPage.Or(refused)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await refused.CountAsync() > 0) Assert.Fail("The checkout was refused: " + await refused.First.InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay / ክፈል" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/checkout/return/AP\\d{6}"), new() { Timeout = 30_000 });
        var number = Regex.Match(page.Url, "AP\\d{6}").Value;
        // Paid once Orders has heard of it: the page looks again by itself until then.
        await Expect(page.Locator(".payment-state")).ToContainTextAsync("your payment was received", new() { Timeout = 30_000 });
        await Expect(page.Locator(".payment-state")).ToContainTextAsync("Receipt INV-");
        await PageChecks.PassAsync(page, journey, "c3-paid");

        // Back, past the gateway's page, to the checkout: the order is shown, not a second checkout.
        for (var i = 0; i < 4 && !page.Url.Contains("/account/orders/"); i++) await page.GoBackAsync();
        await Expect(h1).ToHaveTextAsync($"Order {number}");
        await Expect(page.Locator(".order-status")).ToContainTextAsync("Paid");
        await Expect(page.Locator(".timeline li")).ToHaveCountAsync(2);
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Awaiting payment");
        await PageChecks.PassAsync(page, journey, "c4-order");

        await page.GotoAsync("/account/orders");
        await Expect(h1).ToHaveTextAsync("Your orders");
        await Expect(page.Locator(".order-summary")).ToHaveCountAsync(1); // the double click made one order
        await PageChecks.PassAsync(page, journey, "c5-orders");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Order {number}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel this order" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToHaveTextAsync("Your order is cancelled.");
        await Expect(page.Locator(".order-status")).ToContainTextAsync("Cancelled");
        await PageChecks.PassAsync(page, journey, "c6-cancelled");
    }
}
