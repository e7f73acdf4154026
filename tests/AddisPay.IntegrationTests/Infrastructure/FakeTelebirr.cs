using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for telebirr's fabric payment gateway on loopback, speaking its documented H5 C2B web
/// checkout protocol: POST {api}/payment/v1/token (X-APP-Key, appSecret) → "Bearer …" token with its validity;
/// POST …/merchant/preOrder, …/queryOrder and …/refund with X-APP-Key and that token, each body signed
/// SHA256withRSA-PSS with the merchant's key over its sorted key=value fields (biz_content flattened, sign and
/// sign_type left out) and checked here with the merchant's public key; the hosted page {web}/payment/web/paygate
/// whose signed raw request is checked the same way; and notifications to the order's notify_url, signed with
/// telebirr's own private key. Both key pairs are generated here, as the merchant would with openssl and
/// telebirr has its own. The signing string is built here independently of the adapter under test.
/// </summary>
public sealed class FakeTelebirr : IAsyncDisposable
{
    public const string FabricAppId = "c4182ef8-9249-458a-985e-fake0fabric1";
    public const string AppSecret = "fad0f06383c6297f545876694b974599";
    public const string MerchantAppId = "1476784246220805";
    public const string MerchantCode = "953984";
    private const string ApiPath = "/apiaccess/payment/gateway";
    private const string WebPath = "/payment/web/paygate";

    private readonly WebApplication _app;
    private readonly RSA _merchantKey = RSA.Create(2048);
    private readonly RSA _telebirrKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _scripted = new();
    private readonly ConcurrentDictionary<string, bool> _loseReply = new();
    private int _tokenCalls;

    public sealed class Order(string merchOrderId, decimal amount, string currency, string notifyUrl, string? redirectUrl, string prepayId, JsonObject biz)
    {
        public string MerchOrderId { get; } = merchOrderId;
        public decimal Amount { get; } = amount;
        public string Currency { get; } = currency;
        public string NotifyUrl { get; } = notifyUrl;
        public string? RedirectUrl { get; } = redirectUrl;
        public string PrepayId { get; } = prepayId;
        /// <summary>The preOrder's biz_content as received.</summary>
        public JsonObject Biz { get; } = biz;
        /// <summary>queryOrder's vocabulary: WAIT_PAY, PAY_SUCCESS, PAY_FAILED, ORDER_CLOSED, REFUND_SUCCESS...</summary>
        public string Status { get; set; } = "WAIT_PAY";
        /// <summary>What queryOrder reports as paid; a test may make it differ from what was asked.</summary>
        public decimal? PaidAmount { get; set; }
        public decimal Refunded { get; set; }
        public string PaymentOrderId { get; } = $"0080110{Guid.NewGuid():N}"[..24].ToUpperInvariant();
        public string TransId { get; } = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        public HashSet<string> RefundNumbers { get; } = [];
    }

    public ConcurrentDictionary<string, Order> Orders { get; } = new();
    /// <summary>Every call: token, preOrder:{merch_order_id}, queryOrder:{id}, refund:{id}, checkout:{id}, pay:{id}.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();
    /// <summary>Every request refused for its credentials or signature, with why: none is expected from the adapter.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();
    /// <summary>The refund requests' biz_content, as received.</summary>
    public ConcurrentQueue<JsonObject> Refunds { get; } = new();
    public int TokenCalls => _tokenCalls;
    public string BaseUrl { get; }
    public string WebBaseUrl { get; }
    /// <summary>Where notifications go: a client of the platform under test (its notify_url's path is kept).</summary>
    public HttpClient? NotifyClient { get; set; }

    public string MerchantPrivateKeyPem => _merchantKey.ExportPkcs8PrivateKeyPem();
    public string TelebirrPublicKeyPem => _telebirrKey.ExportSubjectPublicKeyInfoPem();

    private FakeTelebirr(WebApplication app, string root)
    {
        _app = app;
        BaseUrl = root + ApiPath;
        WebBaseUrl = root + WebPath + "?";
    }

    public static async Task<FakeTelebirr> StartAsync()
    {
        var port = HostProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTelebirr(app, $"http://127.0.0.1:{port}");
        fake.Map(app);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next call to the endpoint (token, preOrder, queryOrder, refund) is answered with this instead.</summary>
    public void FailNext(string endpoint, int status, string body) => _scripted.GetOrAdd(endpoint, _ => new()).Enqueue((status, body));

    /// <summary>The next refund is carried out, but its reply is lost on the way (a 504 comes back instead).</summary>
    public void LoseNextRefundReply() => _loseReply["refund"] = true;

    /// <summary>telebirr forgets every token it issued (as when one expires early): the next call is refused with 401.</summary>
    public void RevokeTokens() => _tokens.Clear();

    private void Map(WebApplication app)
    {
        app.MapPost(ApiPath + "/payment/v1/token", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _tokenCalls);
            Calls.Enqueue("token");
            if (Scripted("token") is { } scripted) return scripted;
            var body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            if (request.Headers["X-APP-Key"] != FabricAppId || Str(body, "appSecret") != AppSecret)
                return Refuse(401, "token: wrong X-APP-Key or appSecret");
            var token = $"Bearer {Guid.NewGuid():N}";
            _tokens[token] = true;
            var now = DateTime.UtcNow.AddHours(3); // telebirr answers in its own (EAT) wall-clock time
            return Results.Json(new
            {
                effectiveDate = now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
                expirationDate = now.AddHours(1).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
                token
            });
        });

        app.MapPost(ApiPath + "/payment/v1/merchant/preOrder", async (HttpRequest request) =>
        {
            var (biz, refusal) = await ReadSignedAsync(request, "payment.preorder");
            Calls.Enqueue($"preOrder:{Str(biz, "merch_order_id")}");
            if (refusal is not null) return refusal;
            if (Scripted("preOrder") is { } scripted) return scripted;
            var id = Str(biz, "merch_order_id") ?? "";
            var amountText = Str(biz, "total_amount") ?? "";
            if (!Regex.IsMatch(id, "^[A-Za-z0-9]{1,64}$")) return Business("60200101", "merch_order_id must be letters and digits, at most 64");
            if (!Regex.IsMatch(amountText, @"^[0-9]+(\.[0-9]{1,2})?$") || decimal.Parse(amountText, CultureInfo.InvariantCulture) <= 0)
                return Business("60200102", "total_amount is invalid");
            if (Str(biz, "trans_currency") != "ETB") return Business("60200103", "trans_currency must be ETB");
            if (Str(biz, "trade_type") != "Checkout" || Str(biz, "business_type") != "BuyGoods") return Business("60200104", "trade_type or business_type");
            if (Str(biz, "timeout_express") is not { } timeout || !Regex.IsMatch(timeout, "^([1-9][0-9]?|1[01][0-9]|120)m$")) return Business("60200105", "timeout_express");
            if (Str(biz, "title") is not { Length: > 0 } title || Regex.IsMatch(title, @"[~`!#$%^*()\-+=|]")) return Business("60200106", "title");
            if (Str(biz, "notify_url") is not { } notify || !Uri.IsWellFormedUriString(notify, UriKind.Absolute)) return Business("60200107", "notify_url");
            var order = new Order(id, decimal.Parse(amountText, CultureInfo.InvariantCulture), "ETB", notify, Str(biz, "redirect_url"),
                $"0800{Guid.NewGuid():N}", biz!);
            if (!Orders.TryAdd(id, order)) return Business("60200108", "merch_order_id has been used");
            return Success(new JsonObject { ["merch_order_id"] = id, ["prepay_id"] = order.PrepayId });
        });

        app.MapPost(ApiPath + "/payment/v1/merchant/queryOrder", async (HttpRequest request) =>
        {
            var (biz, refusal) = await ReadSignedAsync(request, "payment.queryorder");
            Calls.Enqueue($"queryOrder:{Str(biz, "merch_order_id")}");
            if (refusal is not null) return refusal;
            if (Scripted("queryOrder") is { } scripted) return scripted;
            if (!Orders.TryGetValue(Str(biz, "merch_order_id") ?? "", out var order)) return Business("60200201", "order does not exist");
            return Success(new JsonObject
            {
                ["merch_order_id"] = order.MerchOrderId, ["order_status"] = order.Status, ["trade_status"] = order.Status,
                ["payment_order_id"] = order.PaymentOrderId, ["trans_time"] = DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ["trans_currency"] = order.Currency, ["total_amount"] = Money(order.PaidAmount ?? order.Amount), ["trans_id"] = order.TransId
            });
        });

        app.MapPost(ApiPath + "/payment/v1/merchant/refund", async (HttpRequest request) =>
        {
            var (biz, refusal) = await ReadSignedAsync(request, "payment.refund");
            Calls.Enqueue($"refund:{Str(biz, "merch_order_id")}");
            if (refusal is not null) return refusal;
            Refunds.Enqueue(biz!);
            if (Scripted("refund") is { } scripted) return scripted;
            if (!Orders.TryGetValue(Str(biz, "merch_order_id") ?? "", out var order) || order.Status is not ("PAY_SUCCESS" or "REFUND_SUCCESS"))
                return Business("60200301", "the order is not paid");
            if (!decimal.TryParse(Str(biz, "actual_amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
                return Business("60200302", "actual_amount is invalid");
            if (Str(biz, "trans_currency") != order.Currency) return Business("60200303", "trans_currency differs from the order's");
            var number = Str(biz, "refund_request_no") ?? "";
            string status;
            lock (order)
            {
                if (!order.RefundNumbers.Add(number)) status = "REFUND_DUPLICATED";
                else if (order.Refunded + amount > order.Amount) return Business("60200304", "refund exceeds what is left");
                else
                {
                    order.Refunded += amount;
                    order.Status = "REFUND_SUCCESS";
                    status = "REFUND_SUCCESS";
                }
            }
            if (status == "REFUND_SUCCESS" && _loseReply.TryRemove("refund", out _))
                return Results.Json(new { errorCode = "504", errorMsg = "Gateway Timeout" }, statusCode: 504);
            return Success(new JsonObject
            {
                ["merch_code"] = MerchantCode, ["merch_order_id"] = order.MerchOrderId, ["trans_order_id"] = order.PaymentOrderId,
                ["refund_order_id"] = $"RF{Guid.NewGuid():N}"[..14].ToUpperInvariant(), ["refund_amount"] = Money(amount), ["refund_currency"] = order.Currency,
                ["refund_status"] = status, ["refund_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            });
        });

        // The hosted checkout page: the browser arrives with the signed raw request; paying (the PIN) is a POST to the same URL.
        app.MapGet(WebPath, (HttpRequest request) => Checkout(request, pay: false));
        app.MapPost(WebPath, (HttpRequest request) => Checkout(request, pay: true));
    }

    private IResult Checkout(HttpRequest request, bool pay)
    {
        var q = request.Query;
        var raw = new JsonObject();
        foreach (var key in new[] { "appid", "merch_code", "nonce_str", "prepay_id", "timestamp" }) raw[key] = q[key].ToString();
        var order = Orders.Values.FirstOrDefault(o => o.PrepayId == q["prepay_id"].ToString());
        Calls.Enqueue($"{(pay ? "pay" : "checkout")}:{order?.MerchOrderId}");
        if (q["sign_type"] != "SHA256WithRSA" || q["version"] != "1.0" || q["trade_type"] != "Checkout") return Refuse(400, "checkout: sign_type, version or trade_type");
        if (!Verify(raw, q["sign"])) return Refuse(400, "checkout: the raw request's signature does not verify");
        if (q["appid"] != MerchantAppId || q["merch_code"] != MerchantCode || order is null) return Refuse(400, "checkout: unknown merchant or prepay_id");
        if (!pay) return Results.Content($"<html><body>telebirr: pay {Money(order.Amount)} ETB to AddisPay</body></html>", "text/html");
        order.Status = "PAY_SUCCESS";
        return Results.Json(new { paid = true, redirect = order.RedirectUrl });
    }

    /// <summary>A notification as telebirr sends it to notify_url, signed with telebirr's key (or <paramref name="signWith"/>).</summary>
    public byte[] Notification(string merchOrderId, string tradeStatus = "Completed", decimal? amount = null, RSA? signWith = null)
    {
        var order = Orders[merchOrderId];
        var body = new JsonObject
        {
            ["notify_url"] = order.NotifyUrl, ["appid"] = MerchantAppId,
            ["notify_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["merch_code"] = MerchantCode, ["merch_order_id"] = merchOrderId, ["payment_order_id"] = order.PaymentOrderId,
            ["total_amount"] = Money(amount ?? order.Amount), ["trans_id"] = order.TransId, ["trans_currency"] = order.Currency,
            ["trade_status"] = tradeStatus, ["trans_end_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        body["sign"] = Convert.ToBase64String((signWith ?? _telebirrKey).SignData(Encoding.UTF8.GetBytes(SigningString(body)), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        body["sign_type"] = "SHA256WithRSA";
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>POSTs a notification body to the order's notify_url (its path, on the platform's client).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(string merchOrderId, byte[] body)
    {
        var client = NotifyClient ?? throw new InvalidOperationException("Set NotifyClient to a client of the platform.");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Orders[merchOrderId].NotifyUrl).PathAndQuery) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await client.SendAsync(request);
    }

    /// <summary>The customer's browser on the checkout URL: the page, then paying on it.</summary>
    public async Task PayThroughCheckoutAsync(string checkoutUrl)
    {
        using var http = new HttpClient();
        using (var page = await http.GetAsync(checkoutUrl)) await Shop.Expect(page, System.Net.HttpStatusCode.OK);
        using var paid = await http.PostAsync(checkoutUrl, new FormUrlEncodedContent([new("pin", "1234")]));
        await Shop.Expect(paid, System.Net.HttpStatusCode.OK);
    }

    /// <summary>
    /// Checks the credentials, the fabric token and the signature of a business request. Returns its biz_content,
    /// and a refusal when any check fails (telebirr's answer to a bad signature is its 60200099 error).
    /// </summary>
    private async Task<(JsonObject? Biz, IResult? Refusal)> ReadSignedAsync(HttpRequest request, string method)
    {
        JsonObject? body;
        try { body = await JsonNode.ParseAsync(request.Body) as JsonObject; }
        catch (JsonException) { return (null, Refuse(400, $"{method}: not JSON")); }
        var biz = body?["biz_content"] as JsonObject;
        if (request.Headers["X-APP-Key"] != FabricAppId) return (biz, Refuse(401, $"{method}: wrong X-APP-Key"));
        if (!_tokens.ContainsKey(request.Headers.Authorization.ToString())) return (biz, Refuse(401, $"{method}: unknown or expired token"));
        if (body is null || biz is null) return (biz, Refuse(400, $"{method}: no biz_content"));
        if (Str(body, "method") != method || Str(body, "version") != "1.0" || Str(body, "sign_type") != "SHA256WithRSA")
            return (biz, Refuse(400, $"{method}: method, version or sign_type"));
        if (Str(body, "nonce_str") is not { } nonce || !Regex.IsMatch(nonce, "^[A-Za-z0-9]{1,32}$")) return (biz, Refuse(400, $"{method}: nonce_str"));
        if (!long.TryParse(Str(body, "timestamp"), out var ts) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - ts) > 120)
            return (biz, Refuse(400, $"{method}: timestamp not within two minutes of now"));
        if (!Verify(body, Str(body, "sign"))) return (biz, Refuse(400, $"{method}: the signature does not verify"));
        if (Str(biz, "appid") != MerchantAppId || Str(biz, "merch_code") != MerchantCode) return (biz, Refuse(400, $"{method}: appid or merch_code"));
        return (biz, null);
    }

    private bool Verify(JsonObject fields, string? sign)
    {
        if (string.IsNullOrEmpty(sign)) return false;
        try
        {
            return _merchantKey.VerifyData(Encoding.UTF8.GetBytes(SigningString(fields)), Convert.FromBase64String(sign), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>telebirr's signing string: all fields but sign and sign_type, biz_content's inlined, sorted by key, key=value joined with '&amp;'.</summary>
    private static string SigningString(JsonObject body)
    {
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in body)
        {
            if (key is "sign" or "sign_type" || value is null) continue;
            if (key == "biz_content" && value is JsonObject biz)
                foreach (var (k, v) in biz) { if (v is not null) pairs.Add(k, v.GetValue<string>()); }
            else pairs.Add(key, value.GetValue<string>());
        }
        return string.Join("&", pairs.Select(p => $"{p.Key}={p.Value}"));
    }

    private IResult? Scripted(string endpoint) =>
        _scripted.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var next) ? Results.Text(next.Body, "application/json", statusCode: next.Status) : null;

    private IResult Refuse(int status, string why)
    {
        Refusals.Enqueue(why);
        return Results.Json(new { errorCode = status == 401 ? "40100001" : "60200099", errorMsg = why }, statusCode: status);
    }

    private static IResult Business(string code, string msg) =>
        Results.Json(new { result = "FAIL", code, msg, nonce_str = Guid.NewGuid().ToString("N") });

    private IResult Success(JsonObject biz)
    {
        var reply = new JsonObject { ["result"] = "SUCCESS", ["code"] = "0", ["msg"] = "success", ["nonce_str"] = Guid.NewGuid().ToString("N") };
        reply["sign"] = Convert.ToBase64String(_telebirrKey.SignData(Encoding.UTF8.GetBytes(SigningString(biz)), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        reply["sign_type"] = "SHA256WithRSA";
        reply["biz_content"] = biz;
        return Results.Text(reply.ToJsonString(), "application/json");
    }

    private static string? Str(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _merchantKey.Dispose();
        _telebirrKey.Dispose();
    }
}
