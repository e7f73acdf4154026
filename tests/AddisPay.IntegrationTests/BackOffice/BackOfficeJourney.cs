using AddisPay.IntegrationTests.Storefront;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// An admin's day in the browser: sign in as the demo admin, find the order a customer placed (through the API), move it
/// through processing, shipped with a tracking number and delivered, refund part of it (the customer gets the refund
/// e-mail), and find each step in the audit log; every page passes axe (the order page in Amharic too).
/// </summary>
public static class BackOfficeJourney
{
    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, Uri backOffice, string journey)
    {
        var order = await BackOfficeOrders.PaidOrderAsync(shop);
        var (adminContext, page, h1) = await StaffBrowser.SignInAsAdminAsync(browser, backOffice, "/admin", "Today");
        await using var context = adminContext;
        await Expect(page.Locator("[data-figure=orders]")).Not.ToHaveTextAsync("0");
        await PageChecks.PassAsync(page, journey, "b1-dashboard", phone: false);

        await page.GetByRole(AriaRole.Link, new() { Name = "Orders", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Orders");
        await page.GetByLabel("Customer e-mail").FillAsync(BackOfficeOrders.DemoCustomer);
        await page.GetByLabel("Status").SelectOptionAsync("paid");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await PageChecks.PassAsync(page, journey, "b2-orders", phone: false);
        await page.GetByRole(AriaRole.Link, new() { Name = order.Number, Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Order {order.Number}");
        var status = page.Locator("[data-status]");
        await Expect(status).ToHaveTextAsync("paid");
        await Expect(page.Locator("table.payments")).ToContainTextAsync("succeeded");
        await PageChecks.PassAsync(page, journey, "b3-order", phone: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark processing" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("processing");
        await page.GetByLabel("Tracking number").FillAsync("EP-2026-0777");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark shipped" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("shipped");
        await Expect(page.Locator("[data-tracking]")).ToHaveTextAsync("EP-2026-0777");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark delivered" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("delivered");

        // A refund is destructive: without the confirmation box ticked the server refuses it.
        await page.GetByLabel("Amount in ETB (VAT included)").FillAsync("10.00");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("One bag arrived torn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Tick the confirmation to go ahead.");
        await page.GetByLabel("Amount in ETB (VAT included)").FillAsync("10.00");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("One bag arrived torn");
        await page.GetByLabel("I confirm: this cannot be undone.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Refund of ETB 10.00 issued.");
        await Expect(page.Locator("ul.refunds")).ToContainTextAsync("One bag arrived torn");

        // The same page in Amharic: the language switch, and axe again.
        await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"ትዕዛዝ {order.Number}");
        await PageChecks.PassAsync(page, journey, "b4-order-amharic", phone: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Order {order.Number}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Audit log");
        await page.GetByLabel("Staff e-mail").FillAsync(BackOfficeOrders.DemoAdmin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("table.audit tbody tr").Filter(new() { HasText = "order:" + order.Number });
        await Expect(rows).ToHaveCountAsync(4);
        foreach (var action in new[] { "order.processing", "order.shipped", "order.delivered", "order.refunded" })
            await Expect(rows.And(page.Locator($"[data-action='{action}']"))).ToHaveCountAsync(1);
        await Expect(rows.And(page.Locator("[data-action='order.shipped']"))).ToContainTextAsync("EP-2026-0777");
        await PageChecks.PassAsync(page, journey, "b5-audit", phone: false);

        // The customer is told: Orders' refund event reaches Notifications, whose e-mail reaches the customer's mailbox, once.
        // By the order's id (its link), not its number: the shops of both topologies number from AP001000 and share the mailbox.
        var refundMails = await Eventually.Until(async () => (await shop.Mail.MessagesToAsync(BackOfficeOrders.DemoCustomer))
                .Where(m => m.Text.Contains(order.Id.ToString()) && (m.Subject.Contains("Refund") || m.Subject.Contains("ተመላሽ"))).ToList(),
            m => m.Count > 0, $"the refund e-mail for order {order.Number}");
        Assert.Single(refundMails);
        Assert.Contains("10", refundMails[0].Subject);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You are signed out of the back office.");
        await page.GotoAsync("/admin/orders");
        await Expect(h1).ToHaveTextAsync("Staff sign-in");
    }
}
