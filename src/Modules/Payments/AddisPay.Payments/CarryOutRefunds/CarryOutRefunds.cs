using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Gateways;

namespace AddisPay.Payments.CarryOutRefunds;

/// <summary>
/// Returns the money of a refund Orders issued, through the gateway that took it. Runs once per refund
/// (inbox); if the gateway can't be reached the event is retried, and the gateway's own refund reference
/// (the refund id) keeps a retried call from refunding twice. Money the receipt accounted for gets a credit note.
/// </summary>
internal sealed class CarryOutRefunds(GatewayDirectory gateways, ModuleWork<PaymentsDbContext> work, TimeProvider clock) : IIntegrationEventHandler<RefundIssued>
{
    public async Task HandleAsync(RefundIssued e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;
        if (await db.Refunds.AnyAsync(r => r.Id == e.RefundId, ct)) return;

        var payments = db.Payments.Where(p => p.OrderId == e.OrderId && p.Status == PaymentStatus.Succeeded);
        if (e.PaymentReference is { } reference) payments = payments.Where(p => p.Reference == reference);
        var payment = await payments.OrderBy(p => p.CompletedAt).FirstOrDefaultAsync(p => p.AmountEtb - p.RefundedEtb >= e.AmountEtb, ct);
        var now = clock.GetUtcNow();
        var refund = new PaymentRefund
        {
            Id = e.RefundId, OrderId = e.OrderId, PaymentId = payment?.Id ?? Guid.Empty, AmountEtb = e.AmountEtb, Reason = e.Reason,
            Status = RefundStatus.Pending, CreatedAt = now
        };
        db.Refunds.Add(refund);

        IntegrationEvent outcome;
        CreditNoteIssued? creditNote = null;
        var gateway = payment is null ? null : gateways.Find(payment.Gateway);
        if (payment is null || gateway is null)
        {
            refund.Status = RefundStatus.Failed;
            refund.FailureReason = payment is null ? "No payment of the order covers this amount." : $"The {payment.Gateway} gateway is not available here.";
            outcome = new RefundFailed(e.RefundId, e.OrderId, e.CustomerId, e.AmountEtb, refund.FailureReason);
        }
        else
        {
            var result = await gateway.RefundAsync(payment, refund, ct); // a GatewayFailedException retries the whole event
            refund.CompletedAt = clock.GetUtcNow();
            if (result.Succeeded)
            {
                refund.Status = RefundStatus.Succeeded;
                refund.GatewayReference = result.GatewayReference;
                payment.RefundedEtb += e.AmountEtb;
                outcome = new RefundSucceeded(e.RefundId, e.OrderId, e.CustomerId, e.AmountEtb, payment.Gateway);
                creditNote = await CreditNotes.IssueAsync(work, e, payment, refund.CompletedAt.Value, ct);
            }
            else
            {
                refund.Status = RefundStatus.Failed;
                refund.FailureReason = result.Error;
                outcome = new RefundFailed(e.RefundId, e.OrderId, e.CustomerId, e.AmountEtb, result.Error ?? "Refused by the gateway");
            }
        }
        work.Raise(creditNote is null ? [outcome] : [outcome, creditNote]);
    }
}
