using AddisPay.Orders.Contracts;
using AddisPay.Orders.Data;
using AddisPay.Orders.Ordering;
using AddisPay.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Orders.Refunds;

internal static class Refunding
{
    /// <summary>What can still be refunded: the total less refunds done or under way.</summary>
    public static async Task<decimal> RefundableAsync(OrdersDbContext db, Order order, CancellationToken ct)
    {
        var underWay = await db.Refunds.Where(r => r.OrderId == order.Id && r.Status == RefundStatus.Issued).SumAsync(r => (decimal?)r.AmountEtb, ct) ?? 0m;
        return order.TotalEtb - order.RefundedEtb - underWay;
    }

    /// <summary>Records a refund and the event that makes Payments carry it out (in the caller's transaction).</summary>
    public static Task<IntegrationEvent[]> IssueAsync(OrdersDbContext db, Order order, decimal amountEtb, string reason, string actor, DateTimeOffset now,
        CancellationToken ct, string? paymentReference = null)
    {
        if (amountEtb <= 0) return Task.FromResult(Array.Empty<IntegrationEvent>());
        var refund = new OrderRefund
        {
            Id = Guid.CreateVersion7(), OrderId = order.Id, AmountEtb = amountEtb, Reason = reason, Status = RefundStatus.Issued, IssuedBy = actor, IssuedAt = now
        };
        db.Refunds.Add(refund);
        order.Note(actor, now, $"Refund of {amountEtb:0.00} ETB issued: {reason}");
        return Task.FromResult<IntegrationEvent[]>([new RefundIssued(refund.Id, order.Id, order.Number, order.CustomerId, amountEtb, reason, paymentReference)]);
    }
}
