using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

internal static class Refunding
{
    /// <summary>What can still be refunded: the total less refunds done or under way.</summary>
    public static async Task<decimal> RefundableAsync(OrdersDbContext db, Order order, CancellationToken ct)
    {
        var underWay = await db.Refunds.Where(r => r.OrderId == order.Id && r.Status == RefundStatus.Issued).SumAsync(r => (decimal?)r.AmountEtb, ct) ?? 0m;
        return order.TotalEtb - order.RefundedEtb - underWay;
    }

    /// <summary>The units, shipping and net amount that refunds done or under way have already given back (with the order row locked).</summary>
    public static async Task<LineRefunds.Earlier> EarlierAsync(OrdersDbContext db, Order order, CancellationToken ct)
    {
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == order.Id && r.Status != RefundStatus.Failed && r.NetEtb != null).ToListAsync(ct);
        return LineRefunds.Earlier.Of(refunds.Select(r => r.Breakdown!));
    }

    /// <summary>Records a refund and the event that makes Payments carry it out (in the caller's transaction).</summary>
    public static Task<IntegrationEvent[]> IssueAsync(OrdersDbContext db, Order order, decimal amountEtb, string reason, string actor, DateTimeOffset now,
        CancellationToken ct, string? paymentReference = null, RefundBreakdown? breakdown = null, string kind = OrderRefund.Refund, Guid? refundId = null)
    {
        if (amountEtb <= 0) return Task.FromResult(Array.Empty<IntegrationEvent>());
        var refund = new OrderRefund
        {
            Id = refundId ?? Guid.CreateVersion7(), OrderId = order.Id, AmountEtb = amountEtb, Reason = reason, Status = RefundStatus.Issued, IssuedBy = actor,
            IssuedAt = now, Kind = kind, Lines = breakdown?.Lines.ToList() ?? [], ShippingEtb = breakdown?.ShippingEtb, NetEtb = breakdown?.NetEtb,
            VatEtb = breakdown?.VatEtb
        };
        db.Refunds.Add(refund);
        order.Note(OrderTrackingEvents.RefundIssued, actor, now, $"Refund of {amountEtb:0.00} ETB issued: {reason}");
        return Task.FromResult<IntegrationEvent[]>([new RefundIssued(refund.Id, order.Id, order.Number, order.CustomerId, amountEtb, reason, paymentReference, breakdown)]);
    }

    /// <summary>
    /// Refunds the units and shipping of <paramref name="breakdown"/>, refused (409) when it is more than the order can
    /// still give back (earlier refunds of amounts alone are not in the breakdown, but they are in what is left).
    /// </summary>
    public static async Task<IntegrationEvent[]> IssueLinesAsync(OrdersDbContext db, Order order, RefundBreakdown breakdown, string reason, string actor,
        DateTimeOffset now, string kind, Guid refundId, CancellationToken ct)
    {
        var refundable = await RefundableAsync(db, order, ct);
        if (breakdown.TotalEtb > refundable)
            throw new ConflictException($"These units come to {breakdown.TotalEtb:0.00} ETB, but at most {refundable:0.00} ETB of order {order.Number} can still be refunded.")
            {
                Reason = Refusal.Of("refund.more-than-left", ("order", order.Number), ("amountEtb", breakdown.TotalEtb), ("refundableEtb", refundable))
            };
        return await IssueAsync(db, order, breakdown.TotalEtb, reason, actor, now, ct, breakdown: breakdown, kind: kind, refundId: refundId);
    }
}
