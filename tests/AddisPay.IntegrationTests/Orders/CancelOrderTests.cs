using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>A customer cancels their order before it ships: a paid one is refunded in full, its coupon's use comes back.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class CancelOrderTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<PaidOrderCancelledByCustomer> CancelledAsync() => platform.OnceAsync(PaidOrderCancelledByCustomer.ArrangeAsync);
    private Task<RestCancelledAfterSomeUnits> RestAsync() => platform.OnceAsync(RestCancelledAfterSomeUnits.ArrangeAsync);

    [Fact]
    public async Task A_customer_cancels_their_paid_order_before_it_ships()
    {
        var cancelled = await CancelledAsync();

        Assert.Equal(HttpStatusCode.OK, cancelled.Cancel.Status);
        Assert.Equal(("cancelled", "customer"), (cancelled.Cancelled.Status, cancelled.Cancelled.CancellationReason));
    }

    [Fact]
    public async Task A_paid_order_its_customer_cancels_is_refunded_in_full()
    {
        var cancelled = await CancelledAsync();

        Assert.Equal(cancelled.Cancelled.Amounts.TotalEtb, cancelled.Cancelled.RefundedEtb);
        Assert.Equal("succeeded", Assert.Single(cancelled.Cancelled.Refunds).Status);
    }

    [Fact]
    public async Task A_paid_order_its_customer_cancels_is_announced_refunded_once() =>
        Assert.Equal(1, await _shop.EventsAsync("orders.order_refunded", (await CancelledAsync()).Order.Id));

    [Fact]
    public async Task Cancelling_an_order_gives_its_coupons_use_back()
    {
        var coupon = await platform.OnceAsync(CouponUsedUp.ArrangeAsync);

        Assert.Equal(HttpStatusCode.OK, coupon.CancelFirst.Status);
        Assert.Equal(100m, coupon.Second.Amounts.DiscountEtb); // the use-once coupon, used again
    }

    [Fact]
    public async Task Cancelling_the_rest_of_an_order_after_some_of_its_units_gives_its_coupons_use_back()
    {
        var parts = await platform.OnceAsync(CouponOrderCancelledInParts.ArrangeAsync);

        Assert.Equal(HttpStatusCode.OK, parts.CancelRest.Status);
        Assert.Equal(0, parts.UsesAfterRest); // cancelled whole, the order was never a sale
    }

    [Fact]
    public async Task Cancelling_the_rest_of_an_order_after_some_of_its_units_refunds_exactly_what_was_paid()
    {
        var rest = await RestAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (rest.CancelOne.Status, rest.CancelRest.Status));
        Assert.Equal(("cancelled", 1840m), (rest.Cancelled.Status, rest.Cancelled.RefundedEtb));
    }

    [Fact]
    public async Task Cancelling_the_rest_of_an_order_after_some_of_its_units_restocks_only_the_rest()
    {
        var rest = await RestAsync();

        Assert.Equal((20, 0), (rest.Stock.OnHand, rest.Stock.Reserved)); // not 21: the unit cancelled first is not restocked twice
    }

    [Fact]
    public async Task Another_customer_cancelling_an_order_gets_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).StrangersCancel.Status);

    [Fact]
    public async Task An_order_can_not_be_cancelled_once_shipped() =>
        Assert.Equal(HttpStatusCode.Conflict, (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).LateCancel.Status);

    [Fact]
    public async Task A_customer_cancelling_while_their_payment_is_being_settled_is_not_kept_waiting() =>
        Assert.Equal(HttpStatusCode.OK, (await platform.OnceAsync(CancelledWhileSettling.ArrangeAsync)).Cancelled);

    [Fact]
    public async Task A_customer_cancelling_while_their_payment_is_being_settled_gets_the_late_payment_back()
    {
        var settled = (await platform.OnceAsync(CancelledWhileSettling.ArrangeAsync)).Settled;

        Assert.Equal(("cancelled", "customer"), (settled.Status, settled.CancellationReason));
        Assert.Equal(settled.Amounts.TotalEtb, settled.Refunds[0].AmountEtb);
    }

    [Fact]
    public async Task A_customer_cancelling_while_their_payment_is_being_settled_puts_the_sold_unit_back_on_the_shelf()
    {
        var stock = (await platform.OnceAsync(CancelledWhileSettling.ArrangeAsync)).Stock;

        Assert.Equal((4, 0, 4), (stock.OnHand, stock.Reserved, stock.Available)); // none left held
    }
}
