using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace AddisPay.Payments.Gateways.Chapa;

/// <summary>
/// Chapa's HTTP API: POST /v1/transaction/initialize (hosted checkout for a unique tx_ref), GET
/// /v1/transaction/verify/{tx_ref}, POST /v1/refund/{tx_ref}, and webhooks signed with x-chapa-signature
/// (hex HMAC-SHA256 of the raw body with the dashboard's secret hash).
/// </summary>
internal sealed class ChapaGateway(HttpClient http, IOptions<PaymentsOptions> options) : IPaymentGateway
{
    public const string SignatureHeader = "x-chapa-signature";

    public string Name => Contracts.Gateways.Chapa;
    public bool Enabled => !string.IsNullOrEmpty(Chapa.SecretKey);
    private ChapaOptions Chapa => options.Value.Chapa;

    public async Task<string> StartCheckoutAsync(Payment payment, CancellationToken ct)
    {
        var (first, last) = SplitName(payment.Payer.FullName);
        var body = new Dictionary<string, object?>
        {
            ["amount"] = payment.AmountEtb.ToString("0.00", CultureInfo.InvariantCulture),
            ["currency"] = payment.Currency,
            ["email"] = payment.Payer.Email,
            ["first_name"] = first,
            ["last_name"] = last,
            ["phone_number"] = LocalPhone(payment.Payer.Phone),
            ["tx_ref"] = payment.Reference,
            ["callback_url"] = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/payments/callbacks/chapa",
            ["return_url"] = payment.ReturnUrl,
            ["customization"] = new Dictionary<string, string> { ["title"] = "AddisPay", ["description"] = $"Order {payment.OrderNumber}" }
        };
        using var request = Request(HttpMethod.Post, "v1/transaction/initialize");
        request.Content = JsonContent.Create(body);
        var reply = await SendAsync(request, ct);
        return reply.Status == "success" && reply.Data is { } data && data.TryGetProperty("checkout_url", out var url) && url.GetString() is { Length: > 0 } checkout
            ? checkout
            : throw new GatewayFailedException(Name, reply.Message ?? "no checkout_url in the reply");
    }

    public async Task<GatewayVerification> VerifyAsync(string reference, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"v1/transaction/verify/{Uri.EscapeDataString(reference)}");
        using var response = await Send(request, ct);
        var reply = await ReadAsync(response, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound || reply.Data is not { ValueKind: JsonValueKind.Object } data)
            return new GatewayVerification(GatewayPaymentStatus.Unknown, null, null, null, reply.Message);
        var status = Text(data, "status")?.ToLowerInvariant() switch
        {
            "success" => GatewayPaymentStatus.Succeeded,
            "failed" or "cancelled" or "reversed" => GatewayPaymentStatus.Failed,
            _ => GatewayPaymentStatus.Pending
        };
        if (Text(data, "tx_ref") is { } txRef && txRef != reference)
            return new GatewayVerification(GatewayPaymentStatus.Unknown, null, null, null, $"verify answered for {txRef}");
        return new GatewayVerification(status, Amount(data, "amount"), Text(data, "currency"), Text(data, "reference"), reply.Message);
    }

    public async Task<GatewayRefundResult> RefundAsync(Payment payment, PaymentRefund refund, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, $"v1/refund/{Uri.EscapeDataString(payment.Reference)}");
        request.Content = JsonContent.Create(new Dictionary<string, string>
        {
            ["reason"] = refund.Reason,
            ["amount"] = refund.AmountEtb.ToString("0.00", CultureInfo.InvariantCulture),
            ["reference"] = refund.Id.ToString("N") // Chapa refuses a second refund with the same merchant reference
        });
        using var response = await Send(request, ct);
        var reply = await ReadAsync(response, ct);
        if (response.IsSuccessStatusCode && reply.Status == "success")
            return new GatewayRefundResult(true, reply.Data is { ValueKind: JsonValueKind.Object } d ? Text(d, "ref_id") ?? Text(d, "reference") : null, null);
        if ((int)response.StatusCode >= 500) throw new GatewayFailedException(Name, $"refund answered {(int)response.StatusCode}");
        return new GatewayRefundResult(false, null, reply.Message ?? $"refund refused ({(int)response.StatusCode})");
    }

    public WebhookNotice? ReadWebhook(IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue(SignatureHeader, out var signature) || !WebhookSignatures.Verify(signature, body, Chapa.WebhookSecret)) return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var reference = Text(root, "tx_ref") ?? Text(root, "trx_ref");
            return reference is null ? null : new WebhookNotice(reference, Text(root, "status"), Amount(root, "amount"), Text(root, "currency"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(Chapa.BaseUrl.TrimEnd('/') + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Chapa.SecretKey);
        return request;
    }

    private Task<HttpResponseMessage> Send(HttpRequestMessage request, CancellationToken ct) =>
        http.SendToGatewayAsync(request, Name, Chapa.Timeout, ct);

    private async Task<ChapaReply> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await Send(request, ct);
        var reply = await ReadAsync(response, ct);
        if (!response.IsSuccessStatusCode) throw new GatewayFailedException(Name, reply.Message ?? $"HTTP {(int)response.StatusCode}");
        return reply;
    }

    private static async Task<ChapaReply> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var reply = await response.Content.ReadFromJsonAsync<ChapaReply>(ct);
            return reply ?? new ChapaReply(null, null, null);
        }
        catch (JsonException)
        {
            return new ChapaReply(null, null, null) { Fallback = $"unreadable reply (HTTP {(int)response.StatusCode})" };
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null } : null;

    /// <summary>Chapa sends amounts as numbers or strings.</summary>
    private static decimal? Amount(JsonElement e, string name) =>
        decimal.TryParse(Text(e, name), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static (string First, string Last) SplitName(string full)
    {
        var parts = full.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch { 0 => ("Customer", ""), 1 => (parts[0], ""), _ => (parts[0], parts[1]) };
    }

    /// <summary>Chapa takes Ethiopian numbers in the local 09/07 form.</summary>
    private static string? LocalPhone(string? e164) => e164 is { Length: 13 } p && p.StartsWith("+251") ? "0" + p[4..] : null;

    private sealed record ChapaReply(
        [property: JsonPropertyName("message")] JsonElement? RawMessage,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("data")] JsonElement? Data)
    {
        [JsonIgnore] public string? Fallback { get; init; }

        /// <summary>Chapa's message is a string, or an object of field errors on validation failures.</summary>
        [JsonIgnore] public string? Message => RawMessage is { } m ? m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText() : Fallback;
    }
}
