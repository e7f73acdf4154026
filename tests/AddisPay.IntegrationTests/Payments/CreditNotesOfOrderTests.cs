using AddisPay.IntegrationTests.Orders;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>The numbered credit notes correcting an order's receipt, one for every refund: cancelled units, refunded lines, returns.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class CreditNotesOfOrderTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<LinesCancelledAndRefunded> LinesAsync() => platform.OnceAsync(LinesCancelledAndRefunded.ArrangeAsync);

    [Fact]
    public async Task A_refund_gets_a_credit_note_numbered_cn_year_and_six_digits_against_the_receipts_number()
    {
        var first = (await LinesAsync()).First;

        Assert.Matches("^CN-\\d{4}-\\d{6}$", first.Number);
        Assert.Matches("^INV-\\d{4}-\\d{6}$", first.ReceiptNumber);
    }

    [Fact]
    public async Task A_credit_note_for_cancelled_units_lists_them_after_their_share_of_the_discount()
    {
        var story = await LinesAsync();

        var line = Assert.Single(story.First.Lines);
        Assert.Equal((story.Cups.Sku, 1, 900m), (line.Sku, line.Quantity, line.NetEtb));
    }

    [Fact]
    public async Task A_credit_note_carries_the_refunds_net_amount_vat_and_total()
    {
        var first = (await LinesAsync()).First;

        // One cup of 1,000 after its 100 off, and 15% VAT.
        Assert.Equal((0m, 900m, 0.15m, 135m, 1035m), (first.ShippingEtb, first.NetEtb, first.VatRate, first.VatEtb, first.TotalEtb));
    }

    [Fact]
    public async Task A_later_refund_gets_the_next_credit_note_against_the_same_receipt_with_vat_on_what_was_refunded_so_far()
    {
        var story = await LinesAsync();
        var (first, second) = (story.First, story.Second);

        // The pot and the shipping: 360 + 100, VAT 69 (15% of 1,360 so far is 204, less the 135 before).
        Assert.Equal((100m, 460m, 69m, 529m, first.ReceiptNumber), (second.ShippingEtb, second.NetEtb, second.VatEtb, second.TotalEtb, second.ReceiptNumber));
        Assert.True(string.CompareOrdinal(second.Number, first.Number) > 0);
    }

    [Fact]
    public async Task Another_customer_asking_for_an_orders_credit_notes_gets_a_404()
    {
        var story = await LinesAsync();

        using var theirs = await _shop.Http.SendAsync(story.Other.Request(HttpMethod.Get, $"/api/payments/invoices/{story.Order.Id}/credit-notes"));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Fact]
    public async Task The_credit_note_for_the_rest_of_an_order_carries_the_remaining_units_and_the_shipping()
    {
        var rest = (await platform.OnceAsync(RestCancelledAfterSomeUnits.ArrangeAsync)).Notes[1];

        Assert.Equal((2, 100m, 1100m, 165m, 1265m), (Assert.Single(rest.Lines).Quantity, rest.ShippingEtb, rest.NetEtb, rest.VatEtb, rest.TotalEtb));
    }

    [Fact]
    public async Task A_returns_refund_gets_a_credit_note_for_its_lines_with_vat()
    {
        var note = Assert.Single((await platform.OnceAsync(GoodsReturned.ArrangeAsync)).Notes);

        // 2 mugs × 600 and the plate × 300, no shipping: 1,500 and its 225 VAT.
        Assert.Equal((2, 1500m, 225m, 1725m), (note.Lines.Count, note.NetEtb, note.VatEtb, note.TotalEtb));
    }
}
