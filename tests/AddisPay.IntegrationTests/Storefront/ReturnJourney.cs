using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// A signed-in shopper sends back part of a delivered order from its page: the form refuses nothing chosen and no reason
/// beside its fields; the request shows as asked for; (with <c>refund</c>) staff approve it and receive the goods (Orders'
/// API), the refund's credit note appears on the order page with a link to the printable note (another number is a page
/// that does not exist), and the return shows received with its refund. A second tab left open past the return window
/// is refused in the shopper's language. axe on every page on the way.
/// </summary>
public static class ReturnJourney
{
    /// <param name="refund">
    /// Also have staff receive the goods and follow the refund to its credit note on the page and the printable note. The
    /// suite's time allows that once: in the split topology, where every call it makes crosses a process.
    /// </param>
    public static async Task ReturnDeliveredGoodsAsync(IBrowserContext context, StorefrontShop shop, (Guid Id, string Number) order, string journey, bool amharic,
        bool refund = true)
    {
        string T(string en, string am) => amharic ? am : en;
        var page = await context.NewPageAsync();
        // A second tab on the order, left open while the window closes.
        var staleTab = await context.NewPageAsync();
        await page.GotoAsync("/account/orders/" + order.Number);
        await staleTab.GotoAsync("/account/orders/" + order.Number);
        var returns = page.Locator("#order-returns");
        var ask = page.GetByRole(AriaRole.Button, new() { Name = T("Ask to return", "እንዲመለስ ይጠይቁ") });
        var units = page.GetByLabel(new Regex("^" + Regex.Escape(T("Yirgacheffe coffee beans: how many to return (up to ", "የይርጋጨፌ ቡና፦ ስንት ይመለስ (እስከ "))));

        // Nothing chosen and no reason: said beside the fields, and nothing asked of Orders.
        await ask.ClickAsync();
        await Expect(page.Locator("#return-lines-error")).ToHaveTextAsync(T("Choose at least one item to return, and no more than the number shown.",
            "ቢያንስ አንድ የሚመለስ ዕቃ ይምረጡ፤ ከተጠቀሰው ቁጥር አይብለጥ።"));
        await Expect(page.Locator("#return-reason-error")).ToHaveTextAsync(T("Tell us why in 3 to 500 characters.", "ምክንያቱን ከ3 እስከ 500 ቁምፊዎች ይንገሩን።"));
        await Expect(returns.Locator(".return")).ToHaveCountAsync(0);
        await PageChecks.PassAsync(page, journey, "t1-return-refused");

        var reason = T("The bag arrived torn open.", "ከረጢቱ ተቀዶ ደረሰ።");
        await units.FillAsync("1");
        await page.GetByLabel(T("Why are you returning them?", "ለምን ይመልሷቸዋል?")).FillAsync(reason);
        await ask.ClickAsync();
        await Expect(returns.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Your return request is sent. We will tell you by email when we have decided.",
            "የመመለሻ ጥያቄዎ ተልኳል። ስንወስን በኢሜይል እናሳውቅዎታለን።"));
        await Expect(returns.Locator(".return-status")).ToHaveTextAsync(T("Asked for: we will decide soon and tell you by email.",
            "ተጠይቋል፦ በቅርቡ ወስነን በኢሜይል እናሳውቅዎታለን።"));
        await Expect(returns.Locator(".return li")).ToHaveTextAsync(T("1 × Yirgacheffe coffee beans", "1 × የይርጋጨፌ ቡና"));
        await Expect(returns.Locator(".return")).ToContainTextAsync(reason);
        // The tracking timeline says what happened, not "Delivered" again (a return keeps the order's status).
        var timeline = page.Locator(".timeline li");
        await Expect(timeline.Last).ToHaveTextAsync(new Regex(": " + T("Return asked for", "እንዲመለስ ተጠይቋል") + "$"));
        await Expect(timeline.Filter(new() { HasTextRegex = new Regex(": " + T("Delivered", "ደርሷል") + "$") })).ToHaveCountAsync(1);
        await PageChecks.PassAsync(page, journey, "t2-return-requested");

        using var orders = shop.Api("orders");
        var database = Databases.Of(orders);
        if (refund) await RefundWithCreditNoteAsync(page, orders, database, order, journey, T);
        await page.CloseAsync();

        // The window closes (the delivery moved back 15 days): the stale tab's request is refused, in the shopper's language.
        await using (var db = new Npgsql.NpgsqlConnection(database))
        {
            await db.OpenAsync();
            await using var moved = new Npgsql.NpgsqlCommand("""
                update orders.orders set "Timeline" = (
                  select jsonb_agg(case when s->>'to' in ('4', 'Delivered') and s->>'from' not in ('4', 'Delivered')
                                        then jsonb_set(s, '{at}', to_jsonb((s->>'at')::timestamptz - interval '15 days')) else s end order by n)
                    from jsonb_array_elements("Timeline") with ordinality e(s, n))
                 where "Id" = @id
                """, db);
            moved.Parameters.AddWithValue("id", order.Id);
            Assert.Equal(1, await moved.ExecuteNonQueryAsync());
        }
        await staleTab.GetByLabel(new Regex("^" + Regex.Escape(T("Yirgacheffe coffee beans: how many to return", "የይርጋጨፌ ቡና፦ ስንት ይመለስ")))).FillAsync("1");
        await staleTab.GetByLabel(T("Why are you returning them?", "ለምን ይመልሷቸዋል?")).FillAsync(reason);
        await staleTab.GetByRole(AriaRole.Button, new() { Name = T("Ask to return", "እንዲመለስ ይጠይቁ") }).ClickAsync();
        await Expect(staleTab.Locator("#order-returns").GetByRole(AriaRole.Alert)).ToHaveTextAsync(T(
            $"Order {order.Number} was delivered more than 14 days ago: it can no longer be returned.",
            $"ትዕዛዝ {order.Number} ከደረሰ ከ14 ቀናት በላይ ሆኖታል፤ ከአሁን በኋላ ሊመለስ አይችልም።"));
        await PageChecks.PassAsync(staleTab, journey, "t4-return-window-closed");
        await staleTab.CloseAsync();
    }

    /// <summary>Staff approve the return and receive the beans back (restocked): the refund goes through the sandbox and its credit note follows.</summary>
    private static async Task RefundWithCreditNoteAsync(IPage page, HttpClient orders, string database, (Guid Id, string Number) order, string journey,
        Func<string, string, string> T)
    {
        var returns = page.Locator("#order-returns");
        var (id, sku) = await TheReturnAsync(database, order.Id);
        using (var approved = await orders.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{id}/approve", null, Tokens.Admin())))
            await Shop.Expect(approved, HttpStatusCode.OK);
        using (var received = await orders.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{id}/receipt",
                   new { lines = new[] { new { sku, outcome = "restock" } }, refundShipping = false }, Tokens.Admin())))
            await Shop.Expect(received, HttpStatusCode.OK);
        var creditNote = page.Locator(".credit-notes tbody tr");
        for (var waited = 0; await creditNote.CountAsync() == 0 && waited < 60; waited++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Expect(creditNote).ToHaveCountAsync(1);
        await Expect(returns.Locator(".return-status")).ToHaveTextAsync(T("Received and refunded.", "ደርሶናል፤ ገንዘቡ ተመልሷል።"));
        await Expect(returns.Locator(".return-refund")).ToContainTextAsync(T("Refund: ETB ", " ብር"));
        await Expect(page.Locator(".timeline")).ToContainTextAsync(new Regex(string.Join("[\\s\\S]*", new[]
        {
            T("Delivered", "ደርሷል"), T("Return asked for", "እንዲመለስ ተጠይቋል"), T("Return approved", "መመለሱ ጸድቋል"),
            T("Returned items received", "የተመለሱት ዕቃዎች ደርሰውናል"), T("Refund started", "ገንዘብ መመለስ ተጀምሯል")
        })));
        var link = creditNote.GetByRole(AriaRole.Link);
        var number = await link.InnerTextAsync();
        Assert.Matches("^CN-\\d{4}-\\d{6}$", number);
        await Expect(link).ToHaveAccessibleNameAsync(T($"Credit note {number} (printable)", $"የተመላሽ ማስታወሻ {number} (የሚታተም)"));
        await PageChecks.PassAsync(page, journey, "t3-return-refunded");

        // The printable note, with the shop's session; a number that is not theirs is a page that does not exist.
        await link.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Credit note / የተመላሽ ማስታወሻ {number}");
        await Expect(page.Locator("body")).ToContainTextAsync(order.Number);
        var other = await page.GotoAsync("/account/credit-notes/CN-2000-000001");
        Assert.Equal(404, other!.Status);
    }

    /// <summary>The order's only return (staff find it in their tools; the list endpoint is the customer's) and its line's SKU.</summary>
    private static async Task<(Guid Id, string Sku)> TheReturnAsync(string database, Guid orderId)
    {
        await using var db = new Npgsql.NpgsqlConnection(database);
        await db.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("""select "Id", "Lines"::jsonb->0->>'sku' from orders.returns where "OrderId" = @id""", db);
        query.Parameters.AddWithValue("id", orderId);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), "the return is recorded");
        var found = (row.GetGuid(0), row.GetString(1));
        Assert.False(await row.ReadAsync(), "one return");
        return found;
    }
}
