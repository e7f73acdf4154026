using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

/// <summary>
/// What cancelling means, whoever cancels (customer, admin, a failed or late payment): the order is
/// cancelled, its coupon use is given back, money already taken is refunded in full, and OrderCancelled
/// tells the saga to give the stock back (see Saga/ReleaseStockOfCancelledOrders).
/// </summary>
internal static class Cancellation
{
    public static async Task<List<IntegrationEvent>> CancelAsync(OrdersDbContext db, Order order, string reason, string actor, DateTimeOffset now,
        CancellationToken ct)
    {
        order.MoveTo(OrderStatus.Cancelled, actor, now, reason switch
        {
            OrderCancelled.PaymentTimeout => "Not paid in time",
            OrderCancelled.PaymentFailed => "Payment failed",
            _ => "Cancelled"
        });
        order.CancellationReason = reason;
        OrderMetrics.Cancelled(reason);
        var events = new List<IntegrationEvent> { new OrderCancelled(order.Id, order.Number, order.CustomerId, reason, order.WasPaid) };

        if (order.CouponCode is { } code)
        {
            var returned = await db.CouponRedemptions.Where(r => r.Code == code && r.OrderId == order.Id).ExecuteDeleteAsync(ct);
            if (returned > 0)
                await db.Coupons.Where(c => c.Code == code).ExecuteUpdateAsync(c => c.SetProperty(x => x.TimesUsed, x => Math.Max(x.TimesUsed - 1, 0)), ct);
        }

        if (order.WasPaid)
        {
            // What is left, itemised for the credit note when the earlier refunds were all of units; an earlier refund of an
            // amount alone leaves a remainder no line breakdown adds up to, and that one is refunded as an amount.
            var refundable = await Refunding.RefundableAsync(db, order, ct);
            var rest = LineRefunds.Remainder(order.Lines, order.Amounts, await Refunding.EarlierAsync(db, order, ct));
            events.AddRange(await Refunding.IssueAsync(db, order, refundable, "Order cancelled", actor, now, ct,
                breakdown: rest.TotalEtb == refundable ? rest : null));
        }
        return events;
    }
}
