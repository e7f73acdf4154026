using AddisPay.Orders.Contracts;
using AddisPay.Reviews.Domain;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>
/// A full refund (Orders' <see cref="OrderRefunded"/>) withdraws the order's purchases: its reviews lose the verified mark
/// unless another paid order of the customer still covers the product.
/// </summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class WithdrawRefundedPurchasesTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private sealed record TwoOrders(Customer Customer, Guid OnlyInFirst, Guid InBoth, Guid First, Guid Second, ReviewView A, ReviewView B);

    /// <summary>
    /// Two paid orders of one customer: the first holds both products, the second one of them; a verified review of each
    /// product. With <paramref name="refundFirst"/> the first order is refunded, partly then fully, and its review lost its mark.
    /// </summary>
    private async Task<TwoOrders> TwoPaidOrdersAsync(bool refundFirst)
    {
        var (onlyInFirst, inBoth) = (await _shop.NewProductAsync(), await _shop.NewProductAsync());
        var customer = Customer.New();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await _shop.PublishAsync(new OrderPaid(first, "AP-2001", customer.Id, [Line(onlyInFirst), Line(inBoth)], 1035m, "chapa", "tx-2001"));
        await _shop.PublishAsync(new OrderPaid(second, "AP-2002", customer.Id, [Line(inBoth)], 517.5m, "telebirr", "tx-2002"));
        await Eventually.Until(() => _shop.PurchasesAsync(customer.Id), n => n == 3, "both orders' purchases to be recorded");
        var orders = new TwoOrders(customer, onlyInFirst, inBoth, first, second, await _shop.WriteAsync(onlyInFirst, customer), await _shop.WriteAsync(inBoth, customer));
        if (refundFirst) await RefundFirstAsync(orders);
        return orders;
    }

    // The order's events arrive in order, so once the full refund took effect the partial one has been handled too (and
    // changed nothing on its own).
    private async Task RefundFirstAsync(TwoOrders o)
    {
        await _shop.PublishAsync(new OrderRefunded(o.First, "AP-2001", o.Customer.Id, 450m, 450m, Full: false));
        await _shop.PublishAsync(new OrderRefunded(o.First, "AP-2001", o.Customer.Id, 585m, 1035m, Full: true));
        await Eventually.Until(() => VerifiedAsync(o.A), v => !v, "the refunded purchase's review to lose its mark");
    }

    /// <summary>Refunds the second order as well, after another customer's refund of the same order number touched nothing of theirs.</summary>
    private async Task RefundSecondAsync(TwoOrders o)
    {
        await _shop.PublishAsync(new OrderRefunded(o.Second, "AP-2002", Guid.NewGuid(), 517.5m, 517.5m, Full: true));
        await _shop.PublishAsync(new OrderRefunded(o.Second, "AP-2002", o.Customer.Id, 517.5m, 517.5m, Full: true));
        await Eventually.Until(() => VerifiedAsync(o.B), v => !v, "the last covering order's refund to remove the mark");
    }

    private async Task<bool> VerifiedAsync(ReviewView r) => (await _shop.ReviewAsync(r.Id)).VerifiedPurchase;

    [Fact]
    public async Task A_full_refund_after_a_partial_one_removes_the_verified_mark_of_the_orders_products_reviews()
    {
        var orders = await TwoPaidOrdersAsync(refundFirst: false);
        await RefundFirstAsync(orders);
    }

    [Fact]
    public async Task A_full_refund_keeps_the_mark_where_another_paid_order_still_covers_the_product()
    {
        var orders = await TwoPaidOrdersAsync(refundFirst: true);
        Assert.True(await VerifiedAsync(orders.B));
    }

    [Fact]
    public async Task A_full_refund_withdraws_that_orders_purchases_only()
    {
        var orders = await TwoPaidOrdersAsync(refundFirst: true);
        Assert.Equal(0, await _shop.CountAsync("""select count(*) from reviews.purchases where "OrderId" = @order""", ("order", orders.First)));
        Assert.Equal(1, await _shop.PurchasesAsync(orders.Customer.Id));
    }

    [Fact]
    public async Task The_refund_of_the_last_covering_order_removes_the_mark()
    {
        var orders = await TwoPaidOrdersAsync(refundFirst: true);
        await RefundSecondAsync(orders);
    }

    [Fact]
    public async Task Once_every_order_is_refunded_no_purchase_of_the_customer_is_left()
    {
        var orders = await TwoPaidOrdersAsync(refundFirst: true);
        await RefundSecondAsync(orders);
        Assert.Equal(0, await _shop.PurchasesAsync(orders.Customer.Id));
    }

    [Fact]
    public async Task Once_every_order_is_refunded_a_new_review_of_the_customer_is_not_verified()
    {
        var orders = await TwoPaidOrdersAsync(refundFirst: true);
        await RefundSecondAsync(orders);
        Assert.False((await _shop.WriteAsync(await _shop.NewProductAsync(), orders.Customer)).VerifiedPurchase);
    }

    [Fact]
    public async Task Refunds_never_move_the_rating_summary()
    {
        var orders = await TwoPaidOrdersAsync(refundFirst: true);
        await RefundSecondAsync(orders);
        Assert.Equal(1, (await _shop.SummaryAsync(orders.InBoth)).Count);
    }
}
