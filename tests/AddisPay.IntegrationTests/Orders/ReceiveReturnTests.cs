using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Staff record the goods of an approved return arriving, every line restocked or written off, which refunds them.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class ReceiveReturnTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<GoodsReturned> ReturnedAsync() => platform.OnceAsync(GoodsReturned.ArrangeAsync);

    [Fact]
    public async Task Receiving_the_goods_of_a_return_not_yet_approved_is_a_409() => Assert.Equal(HttpStatusCode.Conflict, (await ReturnedAsync()).NotApproved.Status);

    [Fact]
    public async Task Receiving_a_return_without_an_outcome_for_every_line_is_a_400_on_lines()
    {
        var missing = (await ReturnedAsync()).MissingLine;

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("\"lines\"", missing.Body);
    }

    [Fact]
    public async Task Received_goods_are_refunded_with_their_vat_and_the_order_is_partially_refunded()
    {
        var returned = await ReturnedAsync();

        // 2 mugs × 600 and the plate × 300: 1,500 and its 225 VAT.
        Assert.Equal(HttpStatusCode.OK, returned.Received.Status);
        Assert.Equal(("partially_refunded", 1725m), (returned.Refunded.Status, returned.Refunded.RefundedEtb));
    }

    [Fact]
    public async Task Every_step_of_a_return_is_emailed_to_the_customer()
    {
        var returned = await ReturnedAsync();

        // Two requests, a refusal, an approval, the goods received and the credit note.
        await Eventually.Until(() => _shop.CountAsync("""
            select count(*) from notifications.messages where "UserId"::text = @id and "Channel" = 'email'
               and "Template" in ('return_requested', 'return_approved', 'return_refused', 'return_received', 'credit_note_issued')
            """, returned.Buyer.Id), n => n == 6, "an email for each step");
    }
}
