using System.Security.Cryptography;
using AddisPay.Payments.Gateways;
using Prometheus;

namespace AddisPay.Payments.Domain;

public enum WebhookVerdict { Accepted, Duplicate, BadSignature, UnknownPayment, Mismatch, UnknownGateway }

/// <summary>
/// Receives a gateway's webhook: the signature over the raw body must verify, the payment must be ours,
/// and what the webhook claims (amount, currency) must match what the order asked for. Then the payment is
/// confirmed by asking the gateway (a replayed or forged-but-signed body can't mark anything paid on its
/// own). A call whose signature verifies is written to webhook_receipts with its verdict; one that doesn't
/// (or names no gateway of ours) is only counted per gateway and hour: the endpoint is anonymous, so what
/// anyone can send must not grow a table row by row.
/// </summary>
internal sealed class WebhookIntake(PaymentsDbContext db, GatewayDirectory gateways, PaymentConfirmation confirmation, TimeProvider clock)
{
    private static readonly Counter Received = Metrics.CreateCounter("addispay_payments_webhooks_total", "Webhooks received, by gateway and verdict.", "gateway", "verdict");

    public async Task<WebhookVerdict> ReceiveAsync(string gatewayName, IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken ct)
    {
        var gateway = gateways.Find(gatewayName);
        var notice = gateway?.ReadWebhook(headers, body);
        if (gateway is null || notice is null)
        {
            var unverified = gateway is null ? WebhookVerdict.UnknownGateway : WebhookVerdict.BadSignature;
            await UnverifiedWebhooks.CountAsync(db, gateway?.Name ?? UnverifiedWebhooks.UnknownGateway, clock.GetUtcNow(), ct);
            Received.WithLabels(gateway?.Name ?? UnverifiedWebhooks.UnknownGateway, unverified.ToString().ToLowerInvariant()).Inc();
            return unverified;
        }

        var receipt = new WebhookReceipt
        {
            Gateway = gateway.Name, Reference = notice.Reference.Length > 100 ? notice.Reference[..100] : notice.Reference,
            BodySha256 = Convert.ToHexStringLower(SHA256.HashData(body)), ReceivedAt = clock.GetUtcNow()
        };
        var recorded = false;
        var verdict = await JudgeAsync(gateway, notice, ct, decided =>
        {
            // Saved with the payment's change, in its transaction.
            receipt.Outcome = VerdictOf(decided).ToString();
            db.WebhookReceipts.Add(receipt);
            recorded = true;
        });
        if (!recorded)
        {
            receipt.Outcome = verdict.ToString();
            db.WebhookReceipts.Add(receipt);
            await db.SaveChangesAsync(ct);
        }
        Received.WithLabels(gateway.Name, verdict.ToString().ToLowerInvariant()).Inc();
        return verdict;
    }

    // Every webhook looks its payment up: compiled once rather than built and cached per call.
    private static readonly Func<PaymentsDbContext, string, string, CancellationToken, Task<Payment?>> PaymentAt = EF.CompileAsyncQuery(
        (PaymentsDbContext db, string gateway, string reference, CancellationToken ct) =>
            db.Payments.AsNoTracking().FirstOrDefault(p => p.Reference == reference && p.Gateway == gateway));

    private async Task<WebhookVerdict> JudgeAsync(IPaymentGateway gateway, WebhookNotice notice, CancellationToken ct, Action<ConfirmationOutcome> decided)
    {
        var payment = await PaymentAt(db, gateway.Name, notice.Reference, ct);
        if (payment is null) return WebhookVerdict.UnknownPayment;
        if (notice.AmountEtb is { } amount && amount != payment.AmountEtb) return WebhookVerdict.Mismatch;
        if (notice.Currency is { } currency && !string.Equals(currency, payment.Currency, StringComparison.OrdinalIgnoreCase)) return WebhookVerdict.Mismatch;
        if (payment.Status != PaymentStatus.Pending) return WebhookVerdict.Duplicate;

        return VerdictOf(await confirmation.ConfirmAsync(notice.Reference, "webhook", ct, payment, decided));
    }

    private static WebhookVerdict VerdictOf(ConfirmationOutcome outcome) => outcome switch
    {
        ConfirmationOutcome.AlreadySettled => WebhookVerdict.Duplicate,
        ConfirmationOutcome.AmountMismatch => WebhookVerdict.Mismatch,
        _ => WebhookVerdict.Accepted
    };
}
