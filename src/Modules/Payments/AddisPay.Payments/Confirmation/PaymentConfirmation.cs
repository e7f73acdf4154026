using AddisPay.Payments.Billing;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Data;
using AddisPay.Payments.Gateways;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using Prometheus;

namespace AddisPay.Payments.Confirmation;

public enum ConfirmationOutcome { Paid, Failed, StillPending, AlreadySettled, AmountMismatch, Unknown }

/// <summary>
/// Settles a payment from what the gateway says when asked, never from a webhook alone: a webhook, a
/// browser callback and the reconciliation job all end here. The payment row is locked, so however many
/// of them arrive at once, the payment is settled once, its invoice numbered once and PaymentSucceeded
/// published once, in the same transaction.
/// </summary>
internal sealed class PaymentConfirmation(PaymentsDbContext db, GatewayDirectory gateways, Invoicing invoicing, EventLog events, TimeProvider clock,
    ILogger<PaymentConfirmation> log)
{
    private static readonly Counter Settled = Metrics.CreateCounter("addispay_payments_settled_total",
        "Payments settled, by gateway, outcome and what triggered the check.", "gateway", "outcome", "source");

    /// <param name="known">The payment as the caller just read it, if it did: saves reading it again before asking the gateway.</param>
    /// <param name="decided">
    /// Told the outcome just before the payment's change is saved, to add its own records to the same transaction (the
    /// webhook's receipt); not called when nothing is saved.
    /// </param>
    public async Task<ConfirmationOutcome> ConfirmAsync(string reference, string source, CancellationToken ct, Payment? known = null,
        Action<ConfirmationOutcome>? decided = null)
    {
        known ??= await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Reference == reference, ct);
        if (known is null) return ConfirmationOutcome.Unknown;
        if (known.Status != PaymentStatus.Pending) return ConfirmationOutcome.AlreadySettled;
        var gateway = gateways.Find(known.Gateway);
        if (gateway is null) return ConfirmationOutcome.StillPending;

        // Asked outside the transaction: no row lock is held while the gateway answers.
        var verdict = await gateway.VerifyAsync(reference, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FromSqlInterpolated($"select * from payments.payments where \"Reference\" = {reference} for update").FirstAsync(ct);
        if (payment.Status != PaymentStatus.Pending) return ConfirmationOutcome.AlreadySettled;
        var now = clock.GetUtcNow();
        payment.LastCheckedAt = now;

        ConfirmationOutcome outcome;
        IntegrationEvent? published = null;
        switch (verdict.Status)
        {
            case GatewayPaymentStatus.Succeeded when verdict.AmountEtb == payment.AmountEtb && string.Equals(verdict.Currency, payment.Currency, StringComparison.OrdinalIgnoreCase):
                payment.Status = PaymentStatus.Succeeded;
                payment.CompletedAt = now;
                payment.GatewayReference = verdict.GatewayReference;
                published = new PaymentSucceeded(payment.Id, payment.OrderId, payment.CustomerId, payment.AmountEtb, payment.Gateway, payment.Reference);
                outcome = ConfirmationOutcome.Paid;
                break;
            case GatewayPaymentStatus.Succeeded:
                // Money arrived, but not the amount the order asked for: never mark the order paid on it.
                log.LogWarning("Payment {Reference}: gateway reports {Amount} {Currency}, expected {Expected} ETB", reference, verdict.AmountEtb, verdict.Currency, payment.AmountEtb);
                payment.FailureReason = $"Gateway reports {verdict.AmountEtb} {verdict.Currency}, expected {payment.AmountEtb} ETB";
                outcome = ConfirmationOutcome.AmountMismatch;
                break;
            case GatewayPaymentStatus.Failed:
                payment.Status = PaymentStatus.Failed;
                payment.CompletedAt = now;
                payment.FailureReason = verdict.Message ?? "Declined at the gateway";
                published = new PaymentFailed(payment.Id, payment.OrderId, payment.CustomerId, payment.Gateway, payment.Reference, payment.FailureReason);
                outcome = ConfirmationOutcome.Failed;
                break;
            default:
                outcome = ConfirmationOutcome.StillPending;
                break;
        }
        decided?.Invoke(outcome);
        await db.SaveChangesAsync(ct);
        // The receipt goes last (it holds the receipt counter until commit), and PaymentSucceeded travels with it.
        if (outcome == ConfirmationOutcome.Paid) await invoicing.IssueAsync(payment.Id, now, ct, sentBefore: events.AppendCommand([published!]));
        else if (published is not null) await events.PublishAsync((NpgsqlTransaction)tx.GetDbTransaction(), [published], ct);
        await tx.CommitAsync(ct);
        Settled.WithLabels(payment.Gateway, outcome.ToString().ToLowerInvariant(), source).Inc();
        return outcome;
    }

    /// <summary>An attempt the customer never completed: it fails, which cancels the order if nothing else paid it.</summary>
    public async Task AbandonAsync(Guid paymentId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FromSqlInterpolated($"select * from payments.payments where \"Id\" = {paymentId} for update").FirstAsync(ct);
        if (payment.Status != PaymentStatus.Pending) return;
        payment.Status = PaymentStatus.Failed;
        payment.CompletedAt = clock.GetUtcNow();
        payment.FailureReason = "Abandoned: never completed at the gateway";
        await db.SaveChangesAsync(ct);
        await events.PublishAsync((NpgsqlTransaction)tx.GetDbTransaction(),
            [new PaymentFailed(payment.Id, payment.OrderId, payment.CustomerId, payment.Gateway, payment.Reference, payment.FailureReason)], ct);
        await tx.CommitAsync(ct);
    }
}
