using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Domain;
using Xunit;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>Partial cancellation and refunds per line, each with a numbered credit note correcting the receipt (one process).</summary>
public sealed partial class PaymentTests
{
    private static HttpRequestMessage AsAdmin(HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        var r = Shop.Request(method, url, body, Tokens.Admin());
        if (idempotencyKey is not null) r.Headers.Add("Idempotency-Key", idempotencyKey);
        return r;
    }

    private async Task<List<CreditNoteView>> CreditNotesAsync(Buyer buyer, Guid orderId, int count) =>
        await Eventually.Until(async () =>
        {
            using var r = await Http.SendAsync(buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{orderId}/credit-notes"));
            await Shop.Expect(r, HttpStatusCode.OK);
            return (await r.Content.ReadFromJsonAsync<List<CreditNoteView>>(Buyer.Json))!;
        }, notes => notes.Count == count, $"{count} credit notes");

    [Fact]
    public async Task Lines_of_a_paid_order_are_cancelled_and_refunded_in_part_each_refund_with_a_numbered_credit_note_correcting_the_receipt()
    {
        // 3 × 1,000 and 1 × 400, 10% off (300 and 40 of the 340), 100 shipping: VAT 15% of 3,160 = 474, total 3,634.
        var code = $"PART{Random.Shared.Next(100000, 999999)}";
        using (var created = await Http.SendAsync(AsAdmin(HttpMethod.Post, "/api/orders/coupons", new { code, kind = "percentage", value = 10m })))
            await Shop.Expect(created, HttpStatusCode.Created);
        var cups = await _shop.CreateProductAsync($"PRC-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 1000m, 10);
        var pot = await _shop.CreateProductAsync($"PRP-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 400m, 10);
        var buyer = await Buyer.SignUpAsync(Http);
        await buyer.FillCartAsync(cups.Id, 3);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(pot.Id, 1), code);
        Assert.Equal((340m, 100m, 474m, 3634m), (order.Amounts.DiscountEtb, order.Amounts.ShippingEtb, order.Amounts.VatEtb, order.Amounts.TotalEtb));
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        var other = await Buyer.SignUpAsync(Http);

        // Refusals write nothing: more units than bought, a SKU the order lacks, another customer's order, a customer using staff's refund.
        using (var tooMany = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku = cups.Sku, quantity = 4 } } })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains("lines[0].quantity", await tooMany.Content.ReadAsStringAsync());
        }
        using (var unknown = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku = cups.Sku, quantity = 1 }, new { sku = "NO-SUCH-SKU", quantity = 1 } } })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("lines[1].sku", await unknown.Content.ReadAsStringAsync());
        }
        using (var notZero = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku = cups.Sku, quantity = 0 } } })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notZero.StatusCode);
            Assert.Contains("lines[0].quantity", await notZero.Content.ReadAsStringAsync());
        }
        using (var theirs = await Http.SendAsync(other.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku = cups.Sku, quantity = 1 } } })))
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        using (var notStaff = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refunds/lines", new { lines = new[] { new { sku = pot.Sku, quantity = 1 } }, reason = "Broken" })))
            Assert.Equal(HttpStatusCode.Forbidden, notStaff.StatusCode);
        Assert.Equal(0, await CountAsync("select count(*) from orders.refunds where \"OrderId\"::text = @id", order.Id));

        // The customer cancels one cup before shipping (with a retry): 900 of it after its 100 off, 135 VAT; the cup goes back on the shelf.
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage CancelOneCup(int quantity) =>
            buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku = cups.Sku, quantity } } }, key);
        using (var cancel = await Http.SendAsync(CancelOneCup(1))) await Shop.Expect(cancel, HttpStatusCode.OK);
        using (var again = await Http.SendAsync(CancelOneCup(1)))
        {
            await Shop.Expect(again, HttpStatusCode.OK);
            Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        }
        using (var otherBody = await Http.SendAsync(CancelOneCup(2))) Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        var afterCancel = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 1035m, "the cancelled cup's refund");
        Assert.Equal("paid", afterCancel.Status); // the rest of the order goes on
        var cancelled = Assert.Single(afterCancel.Refunds);
        Assert.Equal(("cancellation", 1035m, 900m, 135m), (cancelled.Kind, cancelled.AmountEtb, cancelled.Breakdown!.NetEtb, cancelled.Breakdown.VatEtb));
        var stock = await Eventually.Until(() => StockAsync(cups.Sku), s => s.OnHand == 8, "the cancelled cup back on the shelf");
        Assert.Equal("cancelled_before_shipping", stock.Movements[0].Reason);

        var first = Assert.Single(await CreditNotesAsync(buyer, order.Id, 1));
        Assert.Matches("^CN-\\d{4}-\\d{6}$", first.Number);
        Assert.Matches("^INV-\\d{4}-\\d{6}$", first.ReceiptNumber);
        var line = Assert.Single(first.Lines);
        Assert.Equal((cups.Sku, 1, 900m), (line.Sku, line.Quantity, line.NetEtb));
        Assert.Equal((0m, 900m, 0.15m, 135m, 1035m), (first.ShippingEtb, first.NetEtb, first.VatRate, first.VatEtb, first.TotalEtb));

        // Staff refund the pot and the shipping: 360 + 100, VAT 69 (15% of 1,360 so far is 204, less the 135 before).
        using (var refund = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/refunds/lines",
                   new { lines = new[] { new { sku = pot.Sku, quantity = 1 } }, refundShipping = true, reason = "Arrived broken" }, Guid.NewGuid().ToString())))
            await Shop.Expect(refund, HttpStatusCode.OK);
        var refunded = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 1564m, "the refund confirmed");
        // Not shipped yet: the goods still go out, the refunded amount kept beside the fulfilment state (Order.StatusAfterRefund).
        Assert.Equal("paid", refunded.Status);
        var second = (await CreditNotesAsync(buyer, order.Id, 2))[1];
        Assert.Equal((100m, 460m, 69m, 529m, first.ReceiptNumber), (second.ShippingEtb, second.NetEtb, second.VatEtb, second.TotalEtb, second.ReceiptNumber));
        Assert.True(string.CompareOrdinal(second.Number, first.Number) > 0);
        using (var twice = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/refunds/lines", new { refundShipping = true, reason = "Again" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
            Assert.Contains("refundShipping", await twice.Content.ReadAsStringAsync());
        }

        // The note, printable by default and as data when asked; another customer's looks like none.
        using (var page = await Http.SendAsync(buyer.Request(HttpMethod.Get, $"/api/payments/credit-notes/{second.Number}")))
        {
            await Shop.Expect(page, HttpStatusCode.OK);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains(second.Number, html);
            Assert.Contains(first.ReceiptNumber, html);
            Assert.Contains("69.00", html);
        }
        using (var theirs = await Http.SendAsync(other.Request(HttpMethod.Get, $"/api/payments/credit-notes/{second.Number}")))
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        using (var theirs = await Http.SendAsync(other.Request(HttpMethod.Get, $"/api/payments/invoices/{order.Id}/credit-notes")))
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);

        // Each step is told to the customer, by email in their language.
        await Eventually.Until(() => CountAsync("""
            select count(*) from notifications.messages where "UserId"::text = @id and "Channel" = 'email'
               and "Template" in ('order_lines_cancelled', 'credit_note_issued')
            """, buyer.Id), n => n == 3, "the cancellation's and both credit notes' emails");

        // Partly refunded but not shipped, the order goes on (Order.StatusAfterRefund): one more cup is cancelled, the rest is
        // processed, shipped and delivered, and the delivery lists what went out: one cup (three less two cancelled) and the pot.
        using (var more = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku = cups.Sku, quantity = 1 } } })))
            await Shop.Expect(more, HttpStatusCode.OK);
        Assert.Equal(3, await CountAsync("select count(*) from orders.refunds where \"OrderId\"::text = @id", order.Id));
        foreach (var step in new[] { "processing", "shipment", "delivery" })
            using (var r = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/{step}", step == "shipment" ? new { carrier = "Ethio Post", trackingNumber = "EP-654321" } : null)))
                await Shop.Expect(r, HttpStatusCode.OK);
        Assert.Equal(2, await DeliveredUnitsAsync(order.Id, "is not null"));
        Assert.Equal(1, await DeliveredUnitsAsync(order.Id, $"= '{cups.Sku}' and coalesce(l->>'Quantity', l->>'quantity') = '1'"));
        Assert.Equal(1, await DeliveredUnitsAsync(order.Id, $"= '{pot.Sku}' and coalesce(l->>'Quantity', l->>'quantity') = '1'"));
    }

    /// <summary>Lines of the order's OrderDelivered event whose SKU <paramref name="skuIs"/> (an SQL condition).</summary>
    private Task<long> DeliveredUnitsAsync(Guid orderId, string skuIs) => CountAsync($"""
        select count(*) from events.mt_events e, jsonb_array_elements(coalesce(e.data->'Lines', e.data->'lines')) l
         where e.type = 'orders.order_delivered' and coalesce(e.data->>'OrderId', e.data->>'orderId') = @id and coalesce(l->>'Sku', l->>'sku') {skuIs}
        """, orderId);

    [Fact]
    public async Task Cancelling_some_lines_keeps_the_coupons_use_and_its_discount_while_cancelling_the_whole_order_gives_the_use_back()
    {
        // 2 × 600 with a coupon of 100 off from 1,000 once per customer: one unit cancelled leaves 600, under the minimum.
        var code = $"LINE{Random.Shared.Next(100000, 999999)}";
        using (var created = await Http.SendAsync(AsAdmin(HttpMethod.Post, "/api/orders/coupons",
                   new { code, kind = "fixed", value = 100m, minimumOrderEtb = 1000m, usageLimit = 5, perCustomerLimit = 1 })))
            await Shop.Expect(created, HttpStatusCode.Created);
        var (buyer, order, sku) = await PendingOrderAsync(price: 600m, quantity: 2, coupon: code);
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        Task<long> UsesAsync() => CountAsync($"""
            select (select count(*) from orders.coupon_redemptions where "OrderId"::text = @id) * 10 + (select "TimesUsed" from orders.coupons where "Code" = '{code}')
            """, order.Id);
        Assert.Equal(11, await UsesAsync());

        // Its share of the discount goes back with the unit (50 of the 100, and its VAT); the rest keeps its 50 off and the use stands.
        using (var one = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku, quantity = 1 } } })))
            await Shop.Expect(one, HttpStatusCode.OK);
        var partly = await buyer.GetOrderAsync(order.Id);
        Assert.Equal(("paid", 550m), (partly.Status, Assert.Single(partly.Refunds).Breakdown!.NetEtb));
        Assert.Equal(11, await UsesAsync());

        // Cancelled whole, the order was never a sale: the use comes back.
        using (var rest = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel"))) await Shop.Expect(rest, HttpStatusCode.OK);
        Assert.Equal(0, await UsesAsync());
    }

    [Fact]
    public async Task Cancelling_the_rest_of_an_order_after_some_of_its_units_restocks_only_the_rest_and_refunds_exactly_what_was_paid()
    {
        // 3 × 500 and 100 shipping: VAT 15% of 1,600 = 240, total 1,840. One unit first (575), then the rest (1,265).
        var (buyer, order) = await PaidOrderAsync(price: 500m, quantity: 3);
        var sku = order.Lines[0].Sku;
        using (var one = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku, quantity = 1 } } })))
            await Shop.Expect(one, HttpStatusCode.OK);
        await Eventually.Until(() => StockAsync(sku), s => s.OnHand == 18, "the first unit back on the shelf");

        using (var rest = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel"))) await Shop.Expect(rest, HttpStatusCode.OK);
        var cancelled = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 1840m, "everything refunded");
        Assert.Equal("cancelled", cancelled.Status);
        var notes = await CreditNotesAsync(buyer, order.Id, 2);
        Assert.Equal((2, 100m, 1100m, 165m, 1265m), (Assert.Single(notes[1].Lines).Quantity, notes[1].ShippingEtb, notes[1].NetEtb, notes[1].VatEtb, notes[1].TotalEtb));
        var stock = await Eventually.Until(() => StockAsync(sku), s => s.Movements[0].OnHandDelta == 2, "the rest restocked");
        Assert.Equal((20, 0), (stock.OnHand, stock.Reserved)); // not 21: the unit cancelled first is not restocked twice
    }
}
