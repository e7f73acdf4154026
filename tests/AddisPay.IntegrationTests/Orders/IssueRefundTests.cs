using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Staff refund an amount of a paid order, which Payments carries out through the gateway, once per Idempotency-Key.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class IssueRefundTests(PaymentsPlatform platform)
{
    private Task<ChapaPaymentRefunded> RefundedAsync() => platform.OnceAsync(ChapaPaymentRefunded.ArrangeAsync);
    private Task<KeyedRefunds> KeyedAsync() => platform.OnceAsync(KeyedRefunds.ArrangeAsync);

    [Fact]
    public async Task A_refund_of_a_paid_order_is_confirmed_for_its_amount()
    {
        var refunded = await RefundedAsync();

        Assert.Equal(HttpStatusCode.OK, refunded.Refund);
        Assert.Equal(100m, refunded.Refunded.RefundedEtb);
    }

    [Fact]
    public async Task A_partly_refunded_order_that_has_not_shipped_stays_paid() =>
        // The goods still go out, the refunded amount kept beside the fulfilment state (Order.StatusAfterRefund).
        Assert.Equal("paid", (await RefundedAsync()).Refunded.Status);

    [Fact]
    public async Task A_refund_sent_again_with_its_key_replays_the_first_answer()
    {
        var keyed = await KeyedAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (keyed.First.Status, keyed.Again.Status));
        Assert.True(keyed.Again.Replayed);
        Assert.Equal(keyed.First.Body, keyed.Again.Body);
    }

    [Fact]
    public async Task A_refund_sent_again_with_its_key_refunds_once() => Assert.Equal(1, (await KeyedAsync()).RefundsAfterRetries);

    [Fact]
    public async Task A_key_reused_for_another_amount_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await KeyedAsync()).OtherBody.Status);

    [Fact]
    public async Task A_retry_of_a_refund_still_waiting_for_its_order_is_a_409() => Assert.Equal(HttpStatusCode.Conflict, (await KeyedAsync()).RetryWhileWaiting.Status);

    [Fact]
    public async Task A_refund_that_waited_for_its_order_goes_through_once()
    {
        var keyed = await KeyedAsync();

        Assert.Equal(HttpStatusCode.OK, keyed.Waited.Status);
        Assert.Equal(2, keyed.RefundsAfterWait);
    }

    private Task<OrderLifeCycle> LifeAsync() => platform.OnceAsync(OrderLifeCycle.ArrangeAsync);

    [Fact]
    public async Task A_refund_of_more_than_was_paid_is_a_409() => Assert.Equal(HttpStatusCode.Conflict, (await LifeAsync()).TooMuch.Status);

    [Fact]
    public async Task A_delivered_order_refunded_in_part_is_partially_refunded() => Assert.Equal(1207.50m, (await LifeAsync()).HalfRefunded.RefundedEtb);

    [Fact]
    public async Task A_delivered_order_refunded_in_full_is_refunded()
    {
        var refunded = (await LifeAsync()).Refunded;

        Assert.Equal(2415m, refunded.RefundedEtb);
        Assert.All(refunded.Refunds, r => Assert.Equal("succeeded", r.Status));
    }

    [Fact]
    public async Task Nothing_more_can_be_refunded_from_a_refunded_order() => Assert.Equal(HttpStatusCode.Conflict, (await LifeAsync()).OneMore.Status);
}
