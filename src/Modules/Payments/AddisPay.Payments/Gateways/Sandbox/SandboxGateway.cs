using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AddisPay.Payments.Gateways.Sandbox;

/// <summary>
/// A gateway for development and demos that behaves like a real one: a hosted payment page where the
/// tester chooses success, failure or a delayed confirmation (paid, but the webhook never arrives, so
/// reconciliation has to find it), signed webhooks, verification by reference and refunds. Its own
/// records live in sandbox_charges, as a real gateway keeps them on its side.
/// </summary>
internal sealed class SandboxGateway(PaymentsDbContext db, IOptions<PaymentsOptions> options, IHostEnvironment env) : IPaymentGateway
{
    public const string SignatureHeader = "x-sandbox-signature";

    public string Name => Contracts.Gateways.Sandbox;
    public bool Enabled => options.Value.Sandbox.Enabled ?? !env.IsProduction();

    public async Task<string> StartCheckoutAsync(Payment payment, CancellationToken ct)
    {
        // Like a gateway's initialize call with a tx_ref it has seen: the charge it already holds stays as it is.
        await SandboxChargeSql.StartAsync(db, ChargeFor(payment), ct);
        return CheckoutUrl(payment);
    }

    /// <summary>
    /// The charge opened and the attempt's row given its checkout address in one statement: its side and the shop's are in one
    /// database, so the update a remote gateway's answer needs after its call is not a statement of its own here.
    /// </summary>
    public async Task<string?> StartLinkedCheckoutAsync(Payment payment, CancellationToken ct)
    {
        var url = CheckoutUrl(payment);
        await SandboxChargeSql.StartLinkedAsync(db, ChargeFor(payment), payment.Id, url, ct);
        return url;
    }

    private static SandboxCharge ChargeFor(Payment payment) => new()
    {
        Reference = payment.Reference, AmountEtb = payment.AmountEtb, Currency = payment.Currency, Description = $"Order {payment.OrderNumber}",
        ReturnUrl = payment.ReturnUrl, CreatedAt = DateTimeOffset.UtcNow
    };

    private string CheckoutUrl(Payment payment) =>
        $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/payments/sandbox/checkout/{Uri.EscapeDataString(payment.Reference)}";

    /// <summary>The charge as the sandbox's side recorded it; read on every payment page and verify, so compiled once.</summary>
    internal static readonly Func<PaymentsDbContext, string, CancellationToken, Task<SandboxCharge?>> ChargeOf = EF.CompileAsyncQuery(
        (PaymentsDbContext db, string reference, CancellationToken ct) => db.SandboxCharges.AsNoTracking().FirstOrDefault(c => c.Reference == reference));

    /// <summary>The charge as the sandbox's side recorded it, for its hosted page.</summary>
    public Task<SandboxCharge?> FindChargeAsync(string reference, CancellationToken ct) => ChargeOf(db, reference, ct);

    /// <summary>
    /// Records the outcome chosen on the hosted page and reads the charge back in one statement; null when the charge is
    /// unknown or already ended (choosing the same outcome again, a double click, is no change).
    /// </summary>
    public async Task<SandboxCharge?> ChooseAsync(string reference, string outcome, CancellationToken ct) =>
        _chosen = await SandboxChargeSql.ChooseAsync(db, reference, outcome, ct);

    // The charge this request's hosted page has just ended, as the statement that ended it returned it. The webhook it then sends
    // is verified in the same request (a scoped gateway), and a second read of the row would return the same: one statement
    // fewer per paid checkout (docs/benchmarks.md, checkout statements). Any other request (a webhook from outside, the
    // reconciliation) reads the row, as a real gateway's verification is asked.
    private SandboxCharge? _chosen;

    public async Task<GatewayVerification> VerifyAsync(string reference, CancellationToken ct)
    {
        var charge = _chosen?.Reference == reference ? _chosen : await ChargeOf(db, reference, ct);
        if (charge is null) return new GatewayVerification(GatewayPaymentStatus.Unknown, null, null, null, "no such charge");
        var status = charge.Outcome switch
        {
            SandboxOutcomes.Success or SandboxOutcomes.Delayed => GatewayPaymentStatus.Succeeded,
            SandboxOutcomes.Failure => GatewayPaymentStatus.Failed,
            _ => GatewayPaymentStatus.Pending
        };
        return new GatewayVerification(status, charge.AmountEtb, charge.Currency, $"SBX-{reference}");
    }

    public async Task<GatewayRefundResult> RefundAsync(Payment payment, PaymentRefund refund, CancellationToken ct)
    {
        var amount = refund.AmountEtb;
        var refunded = await db.SandboxCharges
            .Where(c => c.Reference == payment.Reference && (c.Outcome == SandboxOutcomes.Success || c.Outcome == SandboxOutcomes.Delayed)
                && c.RefundedEtb + amount <= c.AmountEtb)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.RefundedEtb, x => x.RefundedEtb + amount), ct);
        return refunded == 1
            ? new GatewayRefundResult(true, $"SBX-RF-{refund.Id:N}", null)
            : new GatewayRefundResult(false, null, "The sandbox charge was not paid or the refund exceeds what is left.");
    }

    public WebhookNotice? ReadWebhook(IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue(SignatureHeader, out var signature) || !WebhookSignatures.Verify(signature, body, options.Value.Sandbox.WebhookSecret)) return null;
        try
        {
            var notice = JsonSerializer.Deserialize<SandboxWebhook>(body, JsonSerializerOptions.Web);
            return notice?.TxRef is { } reference ? new WebhookNotice(reference, notice.Status, notice.Amount, notice.Currency) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body the sandbox sends, shaped like Chapa's charge webhooks.</summary>
    public byte[] WebhookBody(SandboxCharge charge) => JsonSerializer.SerializeToUtf8Bytes(new SandboxWebhook(
        charge.Outcome == SandboxOutcomes.Failure ? "charge.failed" : "charge.success", charge.Reference,
        charge.Outcome == SandboxOutcomes.Failure ? "failed" : "success", charge.AmountEtb, charge.Currency), JsonSerializerOptions.Web);

    public string Sign(byte[] body) => WebhookSignatures.SignHex(body, options.Value.Sandbox.WebhookSecret);

    internal sealed record SandboxWebhook(
        [property: System.Text.Json.Serialization.JsonPropertyName("event")] string Event,
        [property: System.Text.Json.Serialization.JsonPropertyName("tx_ref")] string TxRef,
        [property: System.Text.Json.Serialization.JsonPropertyName("status")] string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("amount")] decimal Amount,
        [property: System.Text.Json.Serialization.JsonPropertyName("currency")] string Currency);
}

internal static class SandboxOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Delayed = "delayed";
    public static readonly string[] All = [Success, Failure, Delayed];
}
