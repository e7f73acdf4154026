using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddisPay.Payments.Gateways.Telebirr;

/// <summary>
/// telebirr's H5 C2B web checkout through Ethio telecom's fabric API (developer.ethiotelecom.et, "H5 C2B Web
/// Payment Integration Quick Guide"):
/// <list type="bullet">
/// <item>POST /payment/v1/token (X-APP-Key, {"appSecret"}) → a token, "Bearer …", valid about an hour, cached
/// in <see cref="TelebirrTokens"/> and sent verbatim as Authorization with X-APP-Key on every other call;</item>
/// <item>POST /payment/v1/merchant/preOrder (method payment.preorder, trade_type Checkout) → prepay_id; the
/// checkout URL is the web base URL plus appid, merch_code, nonce_str, prepay_id, timestamp, their signature and
/// sign_type, then version=1.0&amp;trade_type=Checkout;</item>
/// <item>POST /payment/v1/merchant/queryOrder (payment.queryorder) verifies; POST /payment/v1/merchant/refund
/// (payment.refund) refunds;</item>
/// <item>the notification telebirr POSTs to notify_url (JSON, sign and sign_type in the body) must verify with
/// telebirr's public key.</item>
/// </list>
/// Every request carries timestamp (Unix seconds), nonce_str, method, version 1.0 and biz_content, signed as
/// <see cref="TelebirrSignature"/> describes. Amounts are "0.00" strings in ETB. The merchant order id is the
/// payment's reference, letters and digits only as telebirr requires (<see cref="NewReference"/>).
/// </summary>
internal sealed class TelebirrGateway(HttpClient http, TelebirrTokens tokens, IOptions<PaymentsOptions> options, TimeProvider clock,
    ILogger<TelebirrGateway> log) : IPaymentGateway
{
    public const string NotifyPath = "/api/payments/webhooks/telebirr";

    public string Name => Contracts.Gateways.Telebirr;
    public bool Enabled => Telebirr.IsConfigured;
    private TelebirrOptions Telebirr => options.Value.Telebirr;

    /// <summary>
    /// merch_order_id allows letters and digits only (the portal's pattern ^[A-Za-z0-9]+$; its prose also allows
    /// underscores, so none are used), at most 64: the order number's letters and digits and 12 random hex digits.
    /// </summary>
    public string NewReference(string orderNumber)
    {
        var prefix = string.Concat(orderNumber.Where(char.IsAsciiLetterOrDigit));
        return prefix[..Math.Min(prefix.Length, 52)] + Guid.NewGuid().ToString("N")[..12];
    }

    public async Task<string> StartCheckoutAsync(Payment payment, CancellationToken ct)
    {
        // The order expires at telebirr no later than Payments abandons the attempt (1 to 120 minutes, whole minutes).
        var minutes = (int)Math.Clamp(Math.Floor(options.Value.AttemptLifetime.TotalMinutes), 1, 120);
        var biz = new Dictionary<string, string>
        {
            ["appid"] = Telebirr.MerchantAppId,
            ["merch_code"] = Telebirr.MerchantCode,
            ["merch_order_id"] = payment.Reference,
            ["trade_type"] = "Checkout",
            ["title"] = Plain($"AddisPay order {payment.OrderNumber}"),
            ["total_amount"] = Money(payment.AmountEtb),
            ["trans_currency"] = payment.Currency,
            ["timeout_express"] = $"{minutes}m",
            ["business_type"] = "BuyGoods",
            ["notify_url"] = options.Value.PublicBaseUrl.TrimEnd('/') + NotifyPath,
        };
        if (payment.ReturnUrl is { Length: > 0 } returnUrl) biz["redirect_url"] = returnUrl;

        var reply = await CallAsync("payment/v1/merchant/preOrder", "payment.preorder", biz, ct);
        if (!reply.IsSuccessStatusCode || !reply.Succeeded)
            throw new GatewayFailedException(Name, reply.Message ?? $"preOrder answered HTTP {(int)reply.Status}");
        var prepayId = Text(reply.Biz, "prepay_id");
        if (string.IsNullOrEmpty(prepayId)) throw new GatewayFailedException(Name, "no prepay_id in the preOrder reply");
        if (Text(reply.Biz, "merch_order_id") is { } echoed && echoed != payment.Reference)
            throw new GatewayFailedException(Name, $"preOrder answered for {echoed}");
        return CheckoutUrl(prepayId);
    }

    public async Task<GatewayVerification> VerifyAsync(string reference, CancellationToken ct)
    {
        var (order, tradeStatus, message) = await QueryAsync(reference, ct);
        if (order is not { } biz) return new GatewayVerification(GatewayPaymentStatus.Unknown, null, null, null, message);
        // telebirr moves ETB only (trans_currency is always ETB); the amount, though, must be in the reply to count.
        return new GatewayVerification(StatusOf(tradeStatus), Amount(biz, "total_amount"), Text(biz, "trans_currency") ?? "ETB",
            Text(biz, "payment_order_id") ?? Text(biz, "trans_id"), message);
    }

    /// <summary>queryOrder: the order's biz_content and trade status, or null and why not. Only a failed call throws.</summary>
    private async Task<(JsonElement? Order, string? TradeStatus, string? Message)> QueryAsync(string reference, CancellationToken ct)
    {
        var reply = await CallAsync("payment/v1/merchant/queryOrder", "payment.queryorder", new Dictionary<string, string>
        {
            ["appid"] = Telebirr.MerchantAppId, ["merch_code"] = Telebirr.MerchantCode, ["merch_order_id"] = reference
        }, ct);
        if (!reply.IsSuccessStatusCode) throw new GatewayFailedException(Name, reply.Message ?? $"queryOrder answered HTTP {(int)reply.Status}");
        if (!reply.Succeeded || reply.Biz is not { } biz) return (null, null, reply.Message ?? "queryOrder did not answer with the order");
        if (Text(biz, "merch_order_id") is { } echoed && echoed != reference) return (null, null, $"queryOrder answered for {echoed}");
        // The portal's example names it order_status; its field table, trade_status. Either will do.
        var tradeStatus = Text(biz, "trade_status") ?? Text(biz, "order_status");
        return (biz, tradeStatus, tradeStatus is null ? "queryOrder gave no trade status" : $"telebirr: {tradeStatus}");
    }

    /// <summary>
    /// queryOrder's trade_status (PAY_SUCCESS, PAY_FAILED, WAIT_PAY, ORDER_CLOSED, PAYING, ACCEPTED, REFUNDING,
    /// REFUND_SUCCESS, REFUND_FAILED on the portal) and the notification's (Completed, Failure, Pending, Paying,
    /// Expired), which some replies also use. Refund states say nothing certain about a payment not yet settled
    /// here, and Expired is "unclear after reconciliation" in the portal's words: both stay unsettled (Unknown),
    /// so reconciliation asks again and abandons the attempt when its lifetime is over.
    /// </summary>
    internal static GatewayPaymentStatus StatusOf(string? tradeStatus) => tradeStatus?.Trim().ToUpperInvariant() switch
    {
        "PAY_SUCCESS" or "COMPLETED" or "SUCCESS" => GatewayPaymentStatus.Succeeded,
        "PAY_FAILED" or "FAILURE" or "FAILED" or "FAIL" or "ORDER_CLOSED" or "CLOSED" or "CANCELLED" => GatewayPaymentStatus.Failed,
        "WAIT_PAY" or "PAYING" or "PENDING" or "ACCEPTED" => GatewayPaymentStatus.Pending,
        _ => GatewayPaymentStatus.Unknown
    };

    public async Task<GatewayRefundResult> RefundAsync(Payment payment, PaymentRefund refund, CancellationToken ct)
    {
        var biz = new Dictionary<string, string>
        {
            ["appid"] = Telebirr.MerchantAppId,
            ["merch_code"] = Telebirr.MerchantCode,
            ["merch_order_id"] = payment.Reference,
            // Our refund id: a retried call carries the same number, and telebirr answers REFUND_DUPLICATED instead of paying twice.
            ["refund_request_no"] = refund.Id.ToString("N"),
            ["actual_amount"] = Money(refund.AmountEtb),
            ["trans_currency"] = payment.Currency,
        };
        var reason = Plain(refund.Reason);
        if (reason.Length > 0) biz["refund_reason"] = reason.Length > 256 ? reason[..256] : reason;

        var reply = await CallAsync("payment/v1/merchant/refund", "payment.refund", biz, ct);
        // telebirr down, or still refusing a fresh token: the inbox retries the refund later (same refund_request_no).
        if ((int)reply.Status >= 500 || reply.Status == HttpStatusCode.Unauthorized)
            throw new GatewayFailedException(Name, reply.Message ?? $"refund answered HTTP {(int)reply.Status}");
        if (!reply.IsSuccessStatusCode || !reply.Succeeded || reply.Biz is not { } result)
            return new GatewayRefundResult(false, null, reply.Message ?? $"refund refused (HTTP {(int)reply.Status})");
        var reference = Text(result, "refund_order_id");
        switch (Text(result, "refund_status")?.ToUpperInvariant())
        {
            case "REFUND_SUCCESS":
                return new GatewayRefundResult(true, reference, null);
            case "REFUND_FAILED":
                return new GatewayRefundResult(false, null, reply.Message is { } m && m != "success" ? m : "telebirr: REFUND_FAILED");
            default:
                // REFUNDING, or REFUND_DUPLICATED (this refund number went through before and its reply was lost):
                // ask where the order stands; until telebirr says the refund succeeded or failed, the inbox retries.
                var (_, tradeStatus, message) = await QueryAsync(payment.Reference, ct);
                return tradeStatus?.ToUpperInvariant() switch
                {
                    "REFUND_SUCCESS" => new GatewayRefundResult(true, reference, null),
                    "REFUND_FAILED" => new GatewayRefundResult(false, null, "telebirr: REFUND_FAILED"),
                    _ => throw new GatewayFailedException(Name, $"refund {Text(result, "refund_status") ?? "without a status"}; the order says {message}")
                };
        }
    }

    public WebhookNotice? ReadWebhook(IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var fields = TelebirrSignature.Fields(doc.RootElement);
            if (fields is null || !fields.TryGetValue("merch_order_id", out var reference) || string.IsNullOrEmpty(reference)) return null;
            using var key = TelebirrKeys.Load(Telebirr.PublicKey, privateKey: false);
            if (key is null)
            {
                log.LogError("AddisPay:Payments:Telebirr:PublicKey is not an RSA public key; telebirr notifications cannot be verified");
                return null;
            }
            var signature = doc.RootElement.TryGetProperty("sign", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (!TelebirrSignature.Verify(TelebirrSignature.Canonical(fields), signature, key)) return null;
            // Signed by telebirr, but for another merchant (telebirr's key signs for all of them): not ours.
            if (fields.GetValueOrDefault("appid") is { } appId && appId != Telebirr.MerchantAppId) return null;
            if (fields.GetValueOrDefault("merch_code") is { } code && code != Telebirr.MerchantCode) return null;
            return new WebhookNotice(reference, fields.GetValueOrDefault("trade_status"), ParseMoney(fields.GetValueOrDefault("total_amount")),
                fields.GetValueOrDefault("trans_currency"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string CheckoutUrl(string prepayId)
    {
        var raw = new Dictionary<string, string?>
        {
            ["appid"] = Telebirr.MerchantAppId,
            ["merch_code"] = Telebirr.MerchantCode,
            ["nonce_str"] = Nonce(),
            ["prepay_id"] = prepayId,
            ["timestamp"] = Timestamp(),
        };
        var sign = Sign(raw);
        // The portal's order: appid, merch_code, nonce_str, prepay_id, timestamp, sign, sign_type. Its samples put the
        // base64 signature in unescaped; escaped here, as a query string needs ('+' would otherwise read as a space).
        var query = string.Join('&', raw.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"))
                    + $"&sign={Uri.EscapeDataString(sign)}&sign_type={TelebirrSignature.SignType}&version=1.0&trade_type=Checkout";
        var web = Telebirr.WebBaseUrl.Trim();
        var separator = web.EndsWith('?') || web.EndsWith('&') ? "" : web.Contains('?') ? "&" : "?";
        return web + separator + query;
    }

    /// <summary>Signs and sends a business request, applying for a token when needed and once more if telebirr refuses the cached one.</summary>
    private async Task<TelebirrReply> CallAsync(string path, string method, Dictionary<string, string> biz, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await TokenAsync(ct);
            var envelope = new Dictionary<string, string?>
            {
                ["timestamp"] = Timestamp(), ["nonce_str"] = Nonce(), ["method"] = method, ["version"] = "1.0"
            };
            var sign = Sign(envelope.Concat(biz.Select(b => new KeyValuePair<string, string?>(b.Key, b.Value))));
            var body = new Dictionary<string, object?>(envelope.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)))
            {
                ["biz_content"] = biz, ["sign"] = sign, ["sign_type"] = TelebirrSignature.SignType
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = JsonBody(body) };
            request.Headers.TryAddWithoutValidation("X-APP-Key", Telebirr.FabricAppId);
            request.Headers.TryAddWithoutValidation("Authorization", token);
            using var response = await SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                tokens.Forget(token);
                continue;
            }
            return await ReadAsync(response, ct);
        }
    }

    private Task<string> TokenAsync(CancellationToken ct) => tokens.GetAsync($"{Telebirr.BaseUrl}|{Telebirr.FabricAppId}", async cancel =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url("payment/v1/token"))
        {
            Content = JsonBody(new Dictionary<string, object?> { ["appSecret"] = Telebirr.AppSecret })
        };
        request.Headers.TryAddWithoutValidation("X-APP-Key", Telebirr.FabricAppId);
        using var response = await SendAsync(request, cancel);
        var reply = await ReadAsync(response, cancel);
        if (!reply.IsSuccessStatusCode || reply.Root is not { } root || Text(root, "token") is not { Length: > 0 } applied)
            throw new GatewayFailedException(Name, $"no fabric token ({reply.Message ?? $"HTTP {(int)reply.Status}"})");
        // The token comes with its scheme ("Bearer …") and goes back verbatim.
        if (!applied.Contains(' ')) applied = "Bearer " + applied;
        return (applied, Lifetime(Text(root, "effectiveDate"), Text(root, "expirationDate")));
    }, ct);

    /// <summary>effectiveDate and expirationDate are yyyyMMddHHmmss in telebirr's time zone: their difference is the lifetime.</summary>
    private static TimeSpan? Lifetime(string? effective, string? expiration) =>
        DateTime.TryParseExact(effective, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) &&
        DateTime.TryParseExact(expiration, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) && to > from
            ? to - from
            : null;

    private string Sign(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        using var key = TelebirrKeys.Load(Telebirr.PrivateKey, privateKey: true)
            ?? throw new GatewayFailedException(Name, "AddisPay:Payments:Telebirr:PrivateKey is not an RSA private key");
        try
        {
            return TelebirrSignature.Sign(TelebirrSignature.Canonical(fields), key);
        }
        catch (CryptographicException ex)
        {
            throw new GatewayFailedException(Name, $"signing failed: {ex.Message}");
        }
    }

    private Uri Url(string path)
    {
        try
        {
            return new Uri(new Uri(Telebirr.BaseUrl.TrimEnd('/') + "/"), path);
        }
        catch (UriFormatException)
        {
            throw new GatewayFailedException(Name, "AddisPay:Payments:Telebirr:BaseUrl is not an absolute URL");
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
        http.SendToGatewayAsync(request, Name, Telebirr.Timeout, ct);

    private static async Task<TelebirrReply> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            using var doc = JsonDocument.Parse(bytes);
            return new TelebirrReply(response.StatusCode, doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null);
        }
        catch (JsonException)
        {
            return new TelebirrReply(response.StatusCode, null);
        }
    }

    private static ByteArrayContent JsonBody(Dictionary<string, object?> body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private string Timestamp() => clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    private static string Nonce() => Guid.NewGuid().ToString("N");
    private static string Money(decimal etb) => etb.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Titles and reasons keep letters, digits and spaces: telebirr refuses most punctuation in them.</summary>
    private static string Plain(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text) kept.Append(char.IsLetterOrDigit(c) ? c : ' ');
        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    internal static string? Text(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
            : null;

    private static decimal? Amount(JsonElement e, string name) => ParseMoney(Text(e, name));

    private static decimal? ParseMoney(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>telebirr's reply: {result, code ("0" = success), msg, biz_content, sign…}, or {errorCode, errorMsg} on a refusal.</summary>
    private sealed record TelebirrReply(HttpStatusCode Status, JsonElement? Root)
    {
        public bool IsSuccessStatusCode => (int)Status is >= 200 and < 300;
        public bool Succeeded => Text(Root, "code") == "0" && !string.Equals(Text(Root, "result"), "FAIL", StringComparison.OrdinalIgnoreCase);
        public JsonElement? Biz => Root is { } r && r.TryGetProperty("biz_content", out var b) && b.ValueKind == JsonValueKind.Object ? b : null;

        public string? Message
        {
            get
            {
                if (Text(Root, "errorMsg") is { } error) return $"{error} ({Text(Root, "errorCode")})";
                var msg = Text(Root, "msg");
                return msg is not null && Text(Root, "code") is { } code && code != "0" ? $"{msg} ({code})" : msg;
            }
        }
    }
}
