using AddisPay.Payments.Contracts;
using AddisPay.Payments.Gateways;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace AddisPay.Payments.Domain;

public enum ConfirmationOutcome { Paid, Failed, StillPending, AlreadySettled, AmountMismatch, Unknown }

/// <summary>
/// Settles a payment from what the gateway says when asked, never from a webhook alone: a webhook, a
/// browser callback and the reconciliation job all end here. The payment row is locked, so however many
/// of them arrive at once, the payment is settled once, its invoice numbered once and PaymentSucceeded
/// published once, in the same transaction.
/// </summary>
internal sealed class PaymentConfirmation(PaymentsDbContext db, GatewayDirectory gateways, Invoicing invoicing, ModuleWork<PaymentsDbContext> work, TimeProvider clock,
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
        return await SettleAsync(reference, verdict, source, ct, decided);
    }

    /// <summary>
    /// Settles the payment on <paramref name="verdict"/>: what the gateway answered (<see cref="ConfirmAsync"/>), or what a
    /// staff member established with the gateway by hand (SettlePaymentByHand), so both take one path: the row locked, the
    /// amount checked, the receipt numbered and PaymentSucceeded or PaymentFailed published once, in one transaction.
    /// </summary>
    public async Task<ConfirmationOutcome> SettleAsync(string reference, GatewayVerification verdict, string source, CancellationToken ct,
        Action<ConfirmationOutcome>? decided = null)
    {
        // Completed here, not by a pipeline: a webhook, a callback and the reconciliation job call this outside Mediator.
        await work.BeginAsync(ct);
        var payment = await PaymentSql.LockByReferenceAsync(db, reference, ct)
            ?? throw new InvalidOperationException($"Payment {reference} was read a moment ago and is gone.");
        if (payment.Status != PaymentStatus.Pending)
        {
            await work.AbandonAsync();
            return ConfirmationOutcome.AlreadySettled;
        }
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
        if (published is not null) work.Raise(published);
        if (outcome == ConfirmationOutcome.Paid)
        {
            // The receipt goes last (it holds the receipt counter until commit), and PaymentSucceeded travels with it.
            await db.SaveChangesAsync(ct);
            await invoicing.IssueAsync(payment.Id, now, ct);
        }
        await work.CompleteAsync(ct);
        Settled.WithLabels(payment.Gateway, outcome.ToString().ToLowerInvariant(), source).Inc();
        return outcome;
    }

    /// <summary>An attempt the customer never completed: it fails, which cancels the order if nothing else paid it.</summary>
    public async Task AbandonAsync(Guid paymentId, CancellationToken ct)
    {
        await work.BeginAsync(ct);
        var payment = await PaymentSql.LockAsync(db, paymentId, ct)
            ?? throw new InvalidOperationException($"Payment {paymentId} was read a moment ago and is gone.");
        if (payment.Status != PaymentStatus.Pending)
        {
            await work.AbandonAsync();
            return;
        }
        payment.Status = PaymentStatus.Failed;
        payment.CompletedAt = clock.GetUtcNow();
        payment.FailureReason = "Abandoned: never completed at the gateway";
        work.Raise(new PaymentFailed(payment.Id, payment.OrderId, payment.CustomerId, payment.Gateway, payment.Reference, payment.FailureReason));
        await work.CompleteAsync(ct);
    }
}
