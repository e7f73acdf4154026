namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// Staff settle by hand a payment whose outcome nobody confirmed, through the webhook's path: the order moves on, a paid
/// one gets its receipt, and a payment settled once is not settled again.
/// </summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class SettleByHandTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<PaymentSettledByHandAsSucceeded> SucceededAsync() => platform.OnceAsync(PaymentSettledByHandAsSucceeded.ArrangeAsync);
    private Task<PaymentSettledByHandAsFailed> FailedAsync() => platform.OnceAsync(PaymentSettledByHandAsFailed.ArrangeAsync);
    private Task<SettlementsRefused> RefusedAsync() => platform.OnceAsync(SettlementsRefused.ArrangeAsync);

    [Fact]
    public async Task A_payment_settled_by_hand_as_succeeded_is_answered_as_newly_settled()
    {
        var settled = await SucceededAsync();

        Assert.Equal(HttpStatusCode.OK, settled.Settled);
        Assert.False(settled.SettledAlready);
    }

    [Fact]
    public async Task Settling_by_hand_again_the_same_way_is_answered_as_already_settled()
    {
        var settled = await SucceededAsync();

        Assert.Equal(HttpStatusCode.OK, settled.Repeated);
        Assert.True(settled.RepeatedAlready);
    }

    [Fact]
    public async Task A_payment_settled_by_hand_as_succeeded_pays_the_order_once()
    {
        var settled = await SucceededAsync();

        Assert.Equal("paid", (await settled.Buyer.GetOrderAsync(settled.Order.Id)).Status);
        Assert.Equal(1, await _shop.EventsAsync("payments.payment_succeeded", settled.Order.Id));
    }

    [Fact]
    public async Task A_payment_settled_by_hand_as_succeeded_gets_a_receipt() =>
        Assert.Equal(1, await _shop.CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", (await SucceededAsync()).Order.Id));

    [Fact]
    public async Task A_payment_settled_by_hand_as_failed_cancels_its_order_as_payment_failed()
    {
        var failed = await FailedAsync();

        Assert.Equal(HttpStatusCode.OK, failed.Settled);
        Assert.Equal(("cancelled", "payment_failed"), (failed.Cancelled.Status, failed.Cancelled.CancellationReason));
    }

    [Fact]
    public async Task A_payment_settled_by_hand_as_failed_is_announced_failed_once() =>
        Assert.Equal(1, await _shop.EventsAsync("payments.payment_failed", (await FailedAsync()).Order.Id));

    [Fact]
    public async Task Settling_by_hand_a_payment_already_settled_otherwise_is_a_conflict_that_changes_nothing()
    {
        var paid = await platform.OnceAsync(SandboxPaidOrder.ArrangeAsync);

        using var refused = await PaymentSettledByHandAsSucceeded.SettleAsync(_shop, paid.Session.PaymentId, new { outcome = "failed" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("payments.already-settled", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await _shop.EventsAsync("payments.payment_failed", paid.Order.Id));
    }

    [Fact]
    public async Task A_customer_can_not_settle_a_payment_by_hand() => Assert.Equal(HttpStatusCode.Forbidden, (await RefusedAsync()).ByCustomer);

    [Fact]
    public async Task A_success_settled_by_hand_without_the_gateways_reference_is_a_400_on_gatewayReference()
    {
        var refused = await RefusedAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.NoReference);
        Assert.Contains("gatewayReference", refused.NoReferenceProblem);
    }

    [Fact]
    public async Task Settling_an_unknown_payment_by_hand_is_a_404() => Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync()).UnknownPayment);

    [Fact]
    public async Task Refused_settlements_leave_the_order_waiting_for_payment() => Assert.Equal("pending_payment", (await RefusedAsync()).StatusAfter);
}
