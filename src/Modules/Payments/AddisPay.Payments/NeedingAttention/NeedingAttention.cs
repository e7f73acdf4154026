using AddisPay.Payments.Contracts;
using Microsoft.Extensions.Options;

namespace AddisPay.Payments.NeedingAttention;

internal sealed class ListPaymentsNeedingAttentionHandler(PaymentsDbContext db, IOptions<PaymentsOptions> options, TimeProvider clock)
    : IQueryHandler<ListPaymentsNeedingAttention, PaymentsNeedingAttention>
{
    public async ValueTask<PaymentsNeedingAttention> Handle(ListPaymentsNeedingAttention query, CancellationToken ct)
    {
        var errors = Paging.Errors(query.Page, query.PageSize, maxPageSize: 200);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var now = clock.GetUtcNow();
        // Reconciliation verifies a pending payment once this window has passed: still pending after it, nobody settled it.
        var overdue = now - options.Value.ReconcileAfter;
        var skip = (query.Page - 1) * query.PageSize;

        var payments = db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Pending && p.CreatedAt <= overdue);
        var totalPayments = await payments.CountAsync(ct);
        var paymentRows = await payments.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(skip).Take(query.PageSize).ToListAsync(ct);

        var refunds = db.Refunds.AsNoTracking()
            .Where(r => r.Status == RefundStatus.Failed || (r.Status == RefundStatus.Pending && r.CreatedAt <= overdue))
            .Join(db.Payments, r => r.PaymentId, p => p.Id, (r, p) => new { Refund = r, p.OrderNumber, p.Gateway });
        var totalRefunds = await refunds.CountAsync(ct);
        var refundRows = await refunds.OrderBy(x => x.Refund.CreatedAt).ThenBy(x => x.Refund.Id).Skip(skip).Take(query.PageSize).ToListAsync(ct);

        return new PaymentsNeedingAttention(
            paymentRows.Select(p => new PaymentNeedingAttention(p.Id, p.OrderId, p.OrderNumber, p.Gateway, p.Reference, p.AmountEtb, p.CreatedAt,
                Math.Round((now - p.CreatedAt).TotalMinutes, 1), p.LastCheckedAt, p.FailureReason)).ToList(),
            totalPayments,
            refundRows.Select(x => new RefundNeedingAttention(x.Refund.Id, x.Refund.PaymentId, x.Refund.OrderId, x.OrderNumber, x.Gateway,
                x.Refund.AmountEtb, x.Refund.Status.ToString().ToLowerInvariant(), x.Refund.CreatedAt, Math.Round((now - x.Refund.CreatedAt).TotalMinutes, 1),
                x.Refund.FailureReason)).ToList(),
            totalRefunds, query.Page, query.PageSize);
    }
}

internal static class NeedingAttentionEndpoints
{
    public static void MapPaymentsNeedingAttention(this IEndpointRouteBuilder api)
    {
        api.MapGet("/attention", async (int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ListPaymentsNeedingAttention(page ?? 1, pageSize ?? 50), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ListPaymentsNeedingAttention")
            .WithSummary("Payments pending past the reconciliation window and refunds stuck pending or failed, oldest first, for staff to settle.")
            .Produces<PaymentsNeedingAttention>().ProducesValidationProblem();
    }
}
