using AddisPay.Payments.Contracts;

namespace AddisPay.Payments.OrderPayments;

/// <summary>An order's attempts for Orders' view of it (Contracts): the customer's own only.</summary>
internal sealed class OrderPaymentsHandler(PaymentsDbContext db) : IQueryHandler<GetOrderPayments, IReadOnlyList<OrderPaymentAttempt>>
{
    public async ValueTask<IReadOnlyList<OrderPaymentAttempt>> Handle(GetOrderPayments query, CancellationToken ct)
    {
        var payments = await db.Payments.AsNoTracking().Where(p => p.OrderId == query.OrderId && p.CustomerId == query.CustomerId)
            .OrderBy(p => p.CreatedAt).ToListAsync(ct);
        if (payments.Count == 0) return [];
        var receipt = await db.Invoices.AsNoTracking().Where(i => i.OrderId == query.OrderId).Select(i => new { i.PaymentId, i.Number }).FirstOrDefaultAsync(ct);
        return payments.Select(p => new OrderPaymentAttempt(p.Id, p.Gateway, p.Reference, p.AmountEtb, p.Status.ToString().ToLowerInvariant(), p.CreatedAt,
            p.CompletedAt, p.FailureReason, receipt?.PaymentId == p.Id ? receipt.Number : null)).ToList();
    }
}
