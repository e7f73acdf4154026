using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>
/// A customer cancels some units of a paid order before it ships: refunded with their share of the discount and VAT, back on
/// the shelf, once per Idempotency-Key; refused for more units than bought, a SKU the order lacks, or another's order.
/// </summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class CancelLinesTests(PaymentsPlatform platform)
{
    private Task<LinesCancelledAndRefunded> LinesAsync() => platform.OnceAsync(LinesCancelledAndRefunded.ArrangeAsync);
    private Task<CouponOrderCancelledInParts> CouponAsync() => platform.OnceAsync(CouponOrderCancelledInParts.ArrangeAsync);

    [Fact]
    public async Task Cancelling_more_units_than_bought_is_a_400_on_the_lines_quantity()
    {
        var tooMany = (await LinesAsync()).TooMany;

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Contains("lines[0].quantity", tooMany.Body);
    }

    [Fact]
    public async Task Cancelling_a_sku_the_order_lacks_is_a_400_on_that_lines_sku()
    {
        var unknown = (await LinesAsync()).UnknownSku;

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("lines[1].sku", unknown.Body);
    }

    [Fact]
    public async Task Cancelling_no_units_of_a_line_is_a_400_on_the_lines_quantity()
    {
        var zero = (await LinesAsync()).Zero;

        Assert.Equal(HttpStatusCode.BadRequest, zero.Status);
        Assert.Contains("lines[0].quantity", zero.Body);
    }

    [Fact]
    public async Task Cancelling_units_of_another_customers_order_is_a_404() => Assert.Equal(HttpStatusCode.NotFound, (await LinesAsync()).OthersOrder.Status);

    [Fact]
    public async Task Refused_cancellations_and_refunds_of_lines_refund_nothing() => Assert.Equal(0, (await LinesAsync()).RefundsAfterRefusals);

    [Fact]
    public async Task A_cancellation_sent_again_with_its_key_replays_the_first_answer()
    {
        var story = await LinesAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (story.Cancel.Status, story.CancelAgain.Status));
        Assert.True(story.CancelAgain.Replayed);
    }

    [Fact]
    public async Task A_key_reused_for_other_units_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await LinesAsync()).CancelOtherBody.Status);

    [Fact]
    public async Task Cancelled_units_are_refunded_after_their_share_of_the_discount_with_their_vat()
    {
        var refund = Assert.Single((await LinesAsync()).AfterCancel.Refunds);

        // One cup: 1,000 less its 100 off, and 135 VAT.
        Assert.Equal(("cancellation", 1035m, 900m, 135m), (refund.Kind, refund.AmountEtb, refund.Breakdown!.NetEtb, refund.Breakdown.VatEtb));
    }

    [Fact]
    public async Task The_rest_of_an_order_with_some_units_cancelled_goes_on_paid() => Assert.Equal("paid", (await LinesAsync()).AfterCancel.Status);

    [Fact]
    public async Task Cancelled_units_go_back_on_the_shelf_as_cancelled_before_shipping()
    {
        var stock = (await LinesAsync()).CupsAfterCancel;

        Assert.Equal((8, "cancelled_before_shipping"), (stock.OnHand, stock.Movements[0].Reason));
    }

    [Fact]
    public async Task The_customer_is_emailed_the_cancellation_and_each_credit_note() =>
        Assert.Equal(3, (await LinesAsync()).EmailsBeforeDelivery); // order_lines_cancelled and two credit_note_issued

    [Fact]
    public async Task More_units_can_be_cancelled_after_a_refund_while_the_order_has_not_shipped()
    {
        var story = await LinesAsync();

        Assert.Equal(HttpStatusCode.OK, story.CancelMore.Status);
        Assert.Equal(3, story.RefundsAtDelivery);
    }

    [Fact]
    public async Task A_cancelled_unit_takes_its_share_of_a_fixed_discount_back_and_the_rest_keeps_its_share()
    {
        var parts = await CouponAsync();

        // 2 × 600 with 100 off: the unit cancelled is 600 less 50.
        Assert.Equal(HttpStatusCode.OK, parts.CancelOne.Status);
        Assert.Equal(("paid", 550m), (parts.AfterOne.Status, Assert.Single(parts.AfterOne.Refunds).Breakdown!.NetEtb));
    }

    [Fact]
    public async Task Cancelling_some_units_keeps_the_coupons_use() => Assert.Equal(11, (await CouponAsync()).UsesAfterOne);
}
