using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Staff refund units of a paid order's lines and its shipping.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class RefundLinesTests(PaymentsPlatform platform)
{
    private Task<LinesCancelledAndRefunded> LinesAsync() => platform.OnceAsync(LinesCancelledAndRefunded.ArrangeAsync);

    [Fact]
    public async Task A_customer_refunding_lines_is_forbidden() => Assert.Equal(HttpStatusCode.Forbidden, (await LinesAsync()).CustomerRefund.Status);

    [Fact]
    public async Task Staff_refund_a_line_and_the_shipping_with_their_vat()
    {
        var story = await LinesAsync();

        // The pot (400 less its 40 off) and the 100 shipping, with 69 VAT, on top of the 1,035 cancelled before.
        Assert.Equal(HttpStatusCode.OK, story.Refund.Status);
        Assert.Equal(1564m, story.AfterRefund.RefundedEtb);
    }

    [Fact]
    public async Task An_order_refunded_in_part_before_it_ships_stays_paid() =>
        // The goods still go out, the refunded amount kept beside the fulfilment state (Order.StatusAfterRefund).
        Assert.Equal("paid", (await LinesAsync()).AfterRefund.Status);

    [Fact]
    public async Task Refunding_the_shipping_a_second_time_is_a_400_on_refundShipping()
    {
        var twice = (await LinesAsync()).ShippingAgain;

        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Contains("refundShipping", twice.Body);
    }
}
