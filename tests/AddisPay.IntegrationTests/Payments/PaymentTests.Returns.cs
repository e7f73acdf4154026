using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Domain;
using Xunit;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>Returns after delivery: request, refusal or approval, the goods received restocked or written off, the refund and its credit note (one process).</summary>
public sealed partial class PaymentTests
{
    [Fact]
    public async Task Delivered_goods_are_returned_on_request_approved_received_restocked_or_written_off_and_refunded_with_a_credit_note()
    {
        // 2 × 600 and 1 × 300, 100 shipping: VAT 15% of 1,600 = 240, total 1,840.
        var mugs = await _shop.CreateProductAsync($"RTM-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 600m, 10);
        var plate = await _shop.CreateProductAsync($"RTP-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 300m, 10);
        var buyer = await Buyer.SignUpAsync(Http);
        var other = await Buyer.SignUpAsync(Http);
        await buyer.FillCartAsync(mugs.Id, 2);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(plate.Id, 1));
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        HttpRequestMessage Ask(Buyer who, params (string Sku, int Quantity)[] lines) => who.Request(HttpMethod.Post, $"/api/orders/{order.Id}/returns",
            new { lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), reason = "Not what I expected" });
        async Task<ReturnView> AskedAsync(params (string, int)[] lines)
        {
            using var r = await Http.SendAsync(Ask(buyer, lines));
            await Shop.Expect(r, HttpStatusCode.Created);
            return (await r.Content.ReadFromJsonAsync<ReturnView>(Buyer.Json))!;
        }

        using (var early = await Http.SendAsync(Ask(buyer, (mugs.Sku, 1)))) Assert.Equal(HttpStatusCode.Conflict, early.StatusCode); // not delivered yet
        foreach (var step in new[] { "processing", "shipment", "delivery" })
            using (var r = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/{step}", step == "shipment" ? new { carrier = "Ethio Post", trackingNumber = "EP-123456" } : null)))
                await Shop.Expect(r, HttpStatusCode.OK);

        using (var tooMany = await Http.SendAsync(Ask(buyer, (mugs.Sku, 3))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains("lines[0].quantity", await tooMany.Content.ReadAsStringAsync());
        }
        using (var theirs = await Http.SendAsync(Ask(other, (mugs.Sku, 1)))) Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(0, await CountAsync("select count(*) from orders.returns where \"OrderId\"::text = @id", order.Id));

        // A first request is refused; its plate may then be asked for again, with the mugs, and that one is approved.
        var refused = await AskedAsync((plate.Sku, 1));
        using (var held = await Http.SendAsync(Ask(buyer, (plate.Sku, 1)))) Assert.Equal(HttpStatusCode.BadRequest, held.StatusCode); // already in an open return
        using (var r = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{refused.Id}/refuse", new { reason = "Used" }))) await Shop.Expect(r, HttpStatusCode.OK);
        var approved = await AskedAsync((mugs.Sku, 2), (plate.Sku, 1));
        using (var notYet = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{approved.Id}/receipt",
                   new { lines = new[] { new { sku = mugs.Sku, outcome = "restock" }, new { sku = plate.Sku, outcome = "write_off" } } })))
            Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode); // not approved yet
        using (var r = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{approved.Id}/approve"))) await Shop.Expect(r, HttpStatusCode.OK);

        // The goods arrive: the mugs go back on the shelf, the plate is written off; 1,500 and its 225 VAT are refunded.
        using (var missing = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{approved.Id}/receipt",
                   new { lines = new[] { new { sku = mugs.Sku, outcome = "restock" } } })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("\"lines\"", await missing.Content.ReadAsStringAsync());
        }
        using (var r = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{order.Id}/returns/{approved.Id}/receipt",
                   new { lines = new[] { new { sku = mugs.Sku, outcome = "restock" }, new { sku = plate.Sku, outcome = "write_off" } } })))
            await Shop.Expect(r, HttpStatusCode.OK);
        var refunded = await buyer.OrderReachesAsync(order.Id, "partially_refunded");
        Assert.Equal(1725m, refunded.RefundedEtb);
        var note = Assert.Single(await CreditNotesAsync(buyer, order.Id, 1));
        Assert.Equal((2, 1500m, 225m, 1725m), (note.Lines.Count, note.NetEtb, note.VatEtb, note.TotalEtb));
        var mugStock = await Eventually.Until(() => StockAsync(mugs.Sku), s => s.OnHand == 10, "the returned mugs back on the shelf");
        Assert.Equal("returned", mugStock.Movements[0].Reason);
        var plateStock = await Eventually.Until(() => StockAsync(plate.Sku), s => s.Movements[0].Reason == "written_off", "the plate written off");
        Assert.Equal((9, 0), (plateStock.OnHand, plateStock.Movements[0].OnHandDelta));

        using (var returns = await Http.SendAsync(buyer.Request(HttpMethod.Get, $"/api/orders/{order.Id}/returns")))
        {
            var all = (await returns.Content.ReadFromJsonAsync<List<ReturnView>>(Buyer.Json))!;
            Assert.Equal(new[] { "refused", "received" }, all.Select(r => r.Status));
            Assert.Equal(new[] { "restock", "write_off" }, all[1].Lines.Select(l => l.Outcome));
        }
        using (var theirs = await Http.SendAsync(other.Request(HttpMethod.Get, $"/api/orders/{order.Id}/returns"))) Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        await Eventually.Until(() => CountAsync("""
            select count(*) from notifications.messages where "UserId"::text = @id and "Channel" = 'email'
               and "Template" in ('return_requested', 'return_approved', 'return_refused', 'return_received', 'credit_note_issued')
            """, buyer.Id), n => n == 6, "an email for each step");

        // Past the window (14 days from delivery, the delivery moved back 15 days here): refused with 409 and why, nothing written.
        Assert.Equal(1, await CountAsync("""
            with moved as (
              update orders.orders set "Timeline" = (
                select jsonb_agg(case when s->>'to' in ('4', 'Delivered') and s->>'from' not in ('4', 'Delivered')
                                      then jsonb_set(s, '{at}', to_jsonb((s->>'at')::timestamptz - interval '15 days')) else s end order by n)
                  from jsonb_array_elements("Timeline") with ordinality e(s, n))
               where "Id"::text = @id returning 1)
            select count(*) from moved
            """, order.Id));
        using (var late = await Http.SendAsync(Ask(buyer, (mugs.Sku, 1))))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            var problem = await late.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal(("return.window-closed", "14"), (problem.GetProperty("reason").GetString(), problem.GetProperty("facts").GetProperty("days").GetString()));
        }
        Assert.Equal(2, await CountAsync("select count(*) from orders.returns where \"OrderId\"::text = @id", order.Id));
    }
}
