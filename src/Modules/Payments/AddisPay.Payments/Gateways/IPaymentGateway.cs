namespace AddisPay.Payments.Gateways;

public enum GatewayPaymentStatus { Pending, Succeeded, Failed, Unknown }

/// <summary>What the gateway says about a payment when asked directly (never taken from a webhook alone).</summary>
public sealed record GatewayVerification(GatewayPaymentStatus Status, decimal? AmountEtb, string? Currency, string? GatewayReference, string? Message = null);

public sealed record GatewayRefundResult(bool Succeeded, string? GatewayReference, string? Error);

/// <summary>A webhook whose signature checked out: which payment it is about and what it claims.</summary>
public sealed record WebhookNotice(string Reference, string? Status, decimal? AmountEtb, string? Currency);

/// <summary>
/// A payment gateway as Payments uses it: start a hosted checkout, verify a payment by reference, refund,
/// and read its signed webhooks. Chapa and the sandbox implement it; telebirr fits the same shape (its
/// requests and notifications are RSA-signed, which stays inside its adapter).
/// </summary>
internal interface IPaymentGateway
{
    string Name { get; }

    /// <summary>Whether it is configured here (Chapa needs its secret key, telebirr its credentials and keys; the sandbox is off in Production).</summary>
    bool Enabled { get; }

    /// <summary>
    /// The reference a new attempt is known by at the gateway: the order number and a random suffix. A gateway
    /// with a narrower alphabet for its merchant references (telebirr: letters and digits) makes its own.
    /// </summary>
    string NewReference(string orderNumber) => $"{orderNumber}-{Guid.NewGuid():N}"[..(orderNumber.Length + 9)];

    Task<string> StartCheckoutAsync(Payment payment, CancellationToken ct);

    /// <summary>
    /// Opens the checkout of an attempt whose row is written and records the checkout address on that row in the same
    /// statement, which only a gateway whose side of a charge lives in this database can do (the sandbox). Null from any
    /// other: it opens with <see cref="StartCheckoutAsync"/>, and the address it answers is saved on the row after it.
    /// </summary>
    Task<string?> StartLinkedCheckoutAsync(Payment payment, CancellationToken ct) => Task.FromResult<string?>(null);

    Task<GatewayVerification> VerifyAsync(string reference, CancellationToken ct);

    Task<GatewayRefundResult> RefundAsync(Payment payment, PaymentRefund refund, CancellationToken ct);

    /// <summary>Checks the signature over the raw body; null when it does not verify.</summary>
    WebhookNotice? ReadWebhook(IReadOnlyDictionary<string, string> headers, byte[] body);
}

/// <summary>The gateway refused or could not be reached: 502 to the customer, who may try again.</summary>
internal sealed class GatewayFailedException(string gateway, string message) : BusinessRuleException($"The {gateway} payment gateway failed: {message}")
{
    public override int StatusCode => 502;
}

internal static class WebhookSignatures
{
    /// <summary>Hex HMAC-SHA256 of the raw body, compared in constant time (a timing leak would let a forger guess it byte by byte).</summary>
    public static bool Verify(string? signatureHex, byte[] body, string secret)
    {
        if (string.IsNullOrWhiteSpace(signatureHex) || string.IsNullOrEmpty(secret)) return false;
        byte[] given;
        try { given = Convert.FromHexString(signatureHex.Trim()); }
        catch (FormatException) { return false; }
        var expected = Sign(body, secret);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(given, expected);
    }

    public static byte[] Sign(byte[] body, string secret) =>
        System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body);

    public static string SignHex(byte[] body, string secret) => Convert.ToHexStringLower(Sign(body, secret));
}

internal static class GatewayHttp
{
    /// <summary>
    /// Sends a request to a gateway within its own timeout. A network failure or a timeout is the gateway's failure
    /// (502 to the customer, who may try again); the caller's own cancellation stays a cancellation.
    /// </summary>
    public static async Task<HttpResponseMessage> SendToGatewayAsync(this HttpClient http, HttpRequestMessage request, string gateway, TimeSpan timeout,
        CancellationToken ct)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            return await http.SendAsync(request, limit.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new GatewayFailedException(gateway, ex.Message);
        }
    }
}
