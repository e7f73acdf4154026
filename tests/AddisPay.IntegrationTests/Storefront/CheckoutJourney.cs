using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// A signed-in shopper with a cart checks out: a new address with a +251 phone in an Ethiopian region, the quote with
/// 15% VAT, the place button clicked twice (one order), the sandbox gateway's page, the return page that waits for the
/// payment to be confirmed, Back (the order, not a second checkout), the order's timeline, the list of orders, and a
/// cancellation before shipping. axe on every storefront page on the way. In English or Amharic.
/// </summary>
public static class CheckoutJourney
{
    /// <summary>The checkout of a signed-in shopper in <paramref name="context"/> whose cart holds the Yirgacheffe beans.</summary>
    /// <param name="defaultAddress">The label of the shopper's default saved address, which checkout offers chosen.</param>
    public static async Task CheckOutAsync(IBrowserContext context, string journey, bool amharic, string? defaultAddress = null)
    {
        string T(string en, string am) => amharic ? am : en;
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        // What the browser refused or reported (a blocked navigation leaves the page as it was and says so only here).
        var console = new List<string>();
        page.Console += (_, m) => { lock (console) console.Add($"{m.Type}: {m.Text}"); };

        await page.GotoAsync("/cart");
        await page.GetByRole(AriaRole.Link, new() { Name = T("Go to checkout", "ወደ ክፍያ ይሂዱ") }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(T("Checkout", "ክፍያ"));
        await Expect(page.Locator(".quote")).ToContainTextAsync(T("VAT (15%)", "ተ.እ.ታ (15%)"));
        if (defaultAddress is not null) await Expect(page.GetByLabel(new Regex("^" + Regex.Escape(defaultAddress) + ":"))).ToBeCheckedAsync();
        await PageChecks.PassAsync(page, journey, "c1-checkout");

        // A new address; a phone the shop can't ship to is refused beside its field, and what was typed stays.
        await page.GetByLabel(T("A new address", "አዲስ አድራሻ")).CheckAsync();
        await page.GetByLabel(T("Recipient's full name", "የተቀባዩ ሙሉ ስም")).FillAsync("Selam Tesfaye");
        await page.GetByLabel(T("Phone (+251…)", "ስልክ (+251…)")).FillAsync("12345");
        await page.GetByLabel(T("Region", "ክልል")).SelectOptionAsync("Oromia");
        await page.GetByLabel(T("City or town", "ከተማ"), new() { Exact = true }).FillAsync("Adama");
        await page.GetByLabel(T("House number, street, landmark", "የቤት ቁጥር፣ መንገድ፣ መለያ ምልክት")).FillAsync("Near the bus station, house 7");
        await page.GetByLabel(T("Sandbox (test payment, no real money)", "ሙከራ (እውነተኛ ገንዘብ አይንቀሳቀስም)")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = T("Place order and pay", "ይዘዙ እና ይክፈሉ") }).ClickAsync();
        await Expect(page.Locator("#phone-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel(T("City or town", "ከተማ"), new() { Exact = true })).ToHaveValueAsync("Adama");
        await PageChecks.PassAsync(page, journey, "c2-checkout-refused");

        await page.GetByLabel(T("Phone (+251…)", "ስልክ (+251…)")).FillAsync("0911 22 33 44");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Update totals", "ድምሩን አዘምን") }).ClickAsync();
        await Expect(page.Locator(".quote")).ToContainTextAsync(T("shipping to Oromia", "ወደ Oromia የሚላክ"));

        // The attempt that pays starts from the checkout page itself (the refused and re-quoted posts above stay in the
        // history as form posts, which a browser will not show again without posting them).
        await page.GotoAsync("/checkout");
        await page.GetByLabel(T("A new address", "አዲስ አድራሻ")).CheckAsync();
        await page.GetByLabel(T("Recipient's full name", "የተቀባዩ ሙሉ ስም")).FillAsync("Selam Tesfaye");
        await page.GetByLabel(T("Phone (+251…)", "ስልክ (+251…)")).FillAsync("0911 22 33 44");
        await page.GetByLabel(T("Region", "ክልል")).SelectOptionAsync("Oromia");
        await page.GetByLabel(T("City or town", "ከተማ"), new() { Exact = true }).FillAsync("Adama");
        await page.GetByLabel(T("House number, street, landmark", "የቤት ቁጥር፣ መንገድ፣ መለያ ምልክት")).FillAsync("Near the bus station, house 7");
        // Two clicks on the button post the form twice with the same Idempotency-Key: one order.
        await page.GetByRole(AriaRole.Button, new() { Name = T("Place order and pay", "ይዘዙ እና ይክፈሉ") }).DblClickAsync();
        var gatewayPage = page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Sandbox payment / የሙከራ ክፍያ" });
        var refused = page.GetByRole(AriaRole.Alert);
        try
        {
            await Expect(gatewayPage.Or(refused)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            lock (console) Assert.Fail($"Placing the order led nowhere: still at {page.Url}; the browser's console:\n{string.Join('\n', console)}");
        }
        if (await refused.CountAsync() > 0) Assert.Fail("The checkout was refused: " + await refused.First.InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay / ክፈል" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/checkout/return/AP\\d{6}"), new() { Timeout = 30_000 });
        var number = Regex.Match(page.Url, "AP\\d{6}").Value;
        // Paid once Orders has heard of it: the page looks again by itself until then.
        await Expect(page.Locator(".payment-state")).ToContainTextAsync(T("your payment was received", "ክፍያዎ ደርሶናል"), new() { Timeout = 30_000 });
        await Expect(page.Locator(".payment-state")).ToContainTextAsync(T("Receipt INV-", "ደረሰኝ INV-"));
        await PageChecks.PassAsync(page, journey, "c3-paid");

        // Back, past the gateway's page, to the checkout: the order is shown, not a second checkout.
        for (var i = 0; i < 4 && !page.Url.Contains("/account/orders/"); i++) await page.GoBackAsync();
        await Expect(h1).ToHaveTextAsync(T($"Order {number}", $"ትዕዛዝ {number}"));
        await Expect(page.Locator(".order-status")).ToContainTextAsync(T("Paid", "ተከፍሏል"));
        await Expect(page.Locator(".timeline li")).ToHaveTextAsync([new Regex(": " + T("Order placed", "ትዕዛዙ ተመዝግቧል") + "$"), new Regex(": " + T("Paid", "ተከፍሏል") + "$")]);
        await PageChecks.PassAsync(page, journey, "c4-order");

        await page.GotoAsync("/account/orders");
        await Expect(h1).ToHaveTextAsync(T("Your orders", "ትዕዛዞችዎ"));
        await Expect(page.Locator(".order-summary")).ToHaveCountAsync(1); // the double click made one order
        await PageChecks.PassAsync(page, journey, "c5-orders");

        await page.GetByRole(AriaRole.Link, new() { Name = T($"Order {number}", $"ትዕዛዝ {number}") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = T("Cancel this order", "ይህን ትዕዛዝ ሰርዝ") }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToHaveTextAsync(T("Your order is cancelled.", "ትዕዛዝዎ ተሰርዟል።"));
        await Expect(page.Locator(".order-status")).ToContainTextAsync(T("Cancelled", "ተሰርዟል"));
        await PageChecks.PassAsync(page, journey, "c6-cancelled");
    }

    /// <summary>
    /// An unpaid order (placed over the API) paid from its page: the page that hands the shopper to the gateway, held there
    /// for axe, the sandbox gateway's page (ours too: Payments serves it), where the shopper declines, and the return page
    /// saying the payment did not go through.
    /// </summary>
    public static async Task DeclinePaymentAsync(IBrowserContext context, StorefrontShop shop, string email, string journey, bool amharic)
    {
        string T(string en, string am) => amharic ? am : en;
        var (_, order) = await ReviewJourney.UnpaidOrderAsync(shop, email);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/orders/" + order.Number);
        await Expect(page.Locator(".payment-state")).ToHaveTextAsync(T("Not paid yet.", "ገና አልተከፈለም።"));

        // The hand-off page moves on to the gateway by itself at once (a refresh). Every move there answers 204 No Content
        // until the page is checked, which leaves the browser on the hand-off page for axe; its link leads where the refresh
        // went. (Not only the first move: the refresh can be fetched twice, and one 204 then let the second move leave the
        // page before the check read it. Playwright's locators wait for the 204 navigation to finish, which it never does:
        // the link is read in the page, and followed.)
        Func<IRoute, Task> stayOnHandOff = route => route.FulfillAsync(new() { Status = 204 });
        await page.RouteAsync("**/sandbox/checkout/**", stayOnHandOff);
        var toGateway = page.WaitForRequestAsync(new Regex("/sandbox/checkout/"));
        await page.GetByRole(AriaRole.Button, new() { Name = T("Pay now", "አሁን ይክፈሉ") }).ClickAsync();
        // Read in the page too: once the refresh has started, a locator waits for that navigation, which never finishes.
        await page.WaitForFunctionAsync("text => document.querySelector('.gateway-handoff')?.textContent.includes(text)",
            T($"Order {order.Number} is placed. Taking you to the payment page…", $"ትዕዛዝ {order.Number} ተመዝግቧል። ወደ ክፍያ ገጹ በመውሰድ ላይ…"),
            new() { Timeout = 15_000 });
        var gateway = (await toGateway).Url;
        await PageChecks.PassAsync(page, journey, "c7-gateway-handoff");
        Assert.Equal(new[] { T("Continue to the payment page", "ወደ ክፍያ ገጹ ይቀጥሉ"), gateway },
            await page.EvaluateAsync<string[]>("() => { const a = document.querySelector('.gateway-handoff a'); return [a.textContent.trim(), a.href]; }"));
        await page.UnrouteAsync("**/sandbox/checkout/**", stayOnHandOff);
        await page.GotoAsync(gateway);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Sandbox payment / የሙከራ ክፍያ" })).ToBeVisibleAsync();
        await PageChecks.PassAsync(page, journey, "c8-sandbox-gateway");

        await page.GetByRole(AriaRole.Button, new() { Name = "Decline / ውድቅ" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checkout/return/" + order.Number));
        await Expect(page.Locator(".payment-state")).ToHaveTextAsync(T("The payment did not go through.", "ክፍያው አልተሳካም።"));
        await PageChecks.PassAsync(page, journey, "c9-payment-declined");
        await page.CloseAsync();
    }

    /// <summary>
    /// An order (placed over the API) whose shopper went to the gateway and never paid: once Orders cancels it at the end of
    /// its payment window, the return page says so (not that a payment failed).
    /// </summary>
    public static async Task ComeBackAfterThePaymentWindowAsync(IBrowserContext context, StorefrontShop shop, string email, string journey, bool amharic)
    {
        string T(string en, string am) => amharic ? am : en;
        var (buyer, order) = await ReviewJourney.UnpaidOrderAsync(shop, email);
        await buyer.PayAsync(order.Id);
        await using (var db = new Npgsql.NpgsqlConnection(Databases.Of(buyer.Orders)))
        {
            await db.OpenAsync();
            await using var due = new Npgsql.NpgsqlCommand("""update orders.orders set "PaymentDueBy" = now() - interval '1 minute' where "Id" = @id""", db);
            due.Parameters.AddWithValue("id", order.Id);
            Assert.Equal(1, await due.ExecuteNonQueryAsync());
        }
        // Orders' sweep of unpaid orders (every second in the test shop) cancels it.
        await buyer.OrderReachesAsync(order.Id, "cancelled");

        var page = await context.NewPageAsync();
        await page.GotoAsync("/checkout/return/" + order.Number);
        await Expect(page.Locator(".payment-state")).ToHaveTextAsync(T(
            "This order was not paid within the time allowed, so it is cancelled. A payment that arrives late is refunded in full.",
            "ይህ ትዕዛዝ በተፈቀደው ጊዜ ውስጥ ስላልተከፈለ ተሰርዟል። ዘግይቶ የሚደርስ ክፍያ ሙሉ በሙሉ ይመለሳል።"));
        await PageChecks.PassAsync(page, journey, "c10-payment-window-passed");
        await page.CloseAsync();
    }
}
