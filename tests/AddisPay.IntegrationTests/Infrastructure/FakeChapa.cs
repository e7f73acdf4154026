using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// A local stand-in for Chapa's HTTP API on loopback, speaking its documented protocol: Bearer secret key,
/// POST /v1/transaction/initialize (unique tx_ref, amount as a string, ETB) answering a checkout_url,
/// GET /v1/transaction/verify/{tx_ref}, POST /v1/refund/{tx_ref}, and webhooks signed with
/// x-chapa-signature = hex HMAC-SHA256(body, secret hash). The adapter under test stays the real one.
/// </summary>
public sealed class FakeChapa : IAsyncDisposable
{
    public const string SecretKey = "CHASECK_TEST-addispay-fake";
    public const string WebhookSecret = "addispay-fake-webhook-hash";

    private readonly WebApplication _app;

    public sealed record Transaction(string TxRef, decimal Amount, string Currency, string Email, JsonObject Request)
    {
        public string Status { get; set; } = "pending";
        /// <summary>What verify reports as paid; a test may make it differ from what was asked.</summary>
        public decimal? PaidAmount { get; set; }
        public decimal Refunded { get; set; }
    }

    public ConcurrentDictionary<string, Transaction> Transactions { get; } = new();
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<JsonObject> Refunds { get; } = new();
    public string BaseUrl { get; }

    /// <summary>While set, an initialize call waits for it: a checkout request held in flight at the gateway.</summary>
    public TaskCompletionSource? HoldInitialize { get; set; }

    private FakeChapa(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeChapa> StartAsync()
    {
        var port = HostProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeChapa(app, $"http://127.0.0.1:{port}");
        fake.Map(app);
        await app.StartAsync();
        return fake;
    }

    private static IResult Reply(int status, string message, object? data, string outcome = "success") =>
        Results.Json(new { message, status = outcome, data }, statusCode: status);

    private bool Authorised(HttpRequest r) => r.Headers.Authorization.ToString() == $"Bearer {SecretKey}";

    private void Map(WebApplication app)
    {
        app.MapPost("/v1/transaction/initialize", async (HttpRequest request) =>
        {
            Calls.Enqueue("initialize");
            if (HoldInitialize is { } hold) await hold.Task;
            if (!Authorised(request)) return Reply(401, "Invalid API Key or User doesn't exist", null, "failed");
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            var txRef = body["tx_ref"]?.GetValue<string>();
            var amountText = body["amount"]?.GetValue<string>();
            if (string.IsNullOrEmpty(txRef) || !decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
                return Reply(400, "{\"amount\":[\"The amount field is required.\"]}", null, "failed");
            if (body["currency"]?.GetValue<string>() is not ("ETB" or "USD")) return Reply(400, "Invalid currency", null, "failed");
            var tx = new Transaction(txRef, amount, body["currency"]!.GetValue<string>(), body["email"]?.GetValue<string>() ?? "", body);
            if (!Transactions.TryAdd(txRef, tx)) return Reply(400, "Transaction reference has been used before", null, "failed");
            return Reply(200, "Hosted Link", new { checkout_url = $"https://checkout.chapa.co/checkout/payment/{Guid.NewGuid():N}" });
        });

        app.MapGet("/v1/transaction/verify/{txRef}", (string txRef, HttpRequest request) =>
        {
            Calls.Enqueue($"verify:{txRef}");
            if (!Authorised(request)) return Reply(401, "Invalid API Key", null, "failed");
            if (!Transactions.TryGetValue(txRef, out var tx)) return Reply(404, "Invalid transaction or Transaction not found", null, "failed");
            return Reply(200, "Payment details", new
            {
                first_name = "Almaz", last_name = "Tadesse", email = tx.Email, currency = tx.Currency, amount = tx.PaidAmount ?? tx.Amount, charge = 0.35m,
                mode = "test", method = "test", type = "API", status = tx.Status, reference = $"APc{Math.Abs(txRef.GetHashCode()):x}", tx_ref = tx.TxRef,
                created_at = DateTime.UtcNow
            });
        });

        app.MapPost("/v1/refund/{txRef}", async (string txRef, HttpRequest request) =>
        {
            Calls.Enqueue($"refund:{txRef}");
            if (!Authorised(request)) return Reply(401, "Invalid API Key", null, "failed");
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            Refunds.Enqueue(body);
            if (!Transactions.TryGetValue(txRef, out var tx) || tx.Status != "success") return Reply(400, "Transaction not found or not successful", null, "failed");
            var amount = decimal.Parse(body["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            lock (tx)
            {
                if (tx.Refunded + amount > tx.Amount) return Reply(400, "Refund amount exceeds the transaction amount", null, "failed");
                tx.Refunded += amount;
            }
            return Reply(200, "Refund processed successfully", new { ref_id = $"RF-{Guid.NewGuid():N}"[..12], amount, currency = tx.Currency, status = "refunded" });
        });
    }

    /// <summary>The webhook Chapa would send for the transaction, and its signature.</summary>
    public (byte[] Body, string Signature) Webhook(string txRef, decimal? amount = null, string status = "success", string secret = WebhookSecret)
    {
        var tx = Transactions[txRef];
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = status == "success" ? "charge.success" : "charge.failed", first_name = "Almaz", last_name = "Tadesse", email = tx.Email,
            mobile = "0911223344", currency = tx.Currency, amount = (amount ?? tx.Amount).ToString("0.00", CultureInfo.InvariantCulture), charge = "0.35",
            status, reference = "APcFake", tx_ref = txRef, created_at = DateTime.UtcNow, updated_at = DateTime.UtcNow
        });
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        return (body, signature);
    }

    public static HttpRequestMessage WebhookRequest(byte[] body, string? signature)
    {
        var r = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/chapa") { Content = new ByteArrayContent(body) };
        r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (signature is not null) r.Headers.Add("x-chapa-signature", signature);
        return r;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
