using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>An SMS the fake provider accepted or refused, with what the adapter sent.</summary>
public sealed record ReceivedSms(string Username, string ApiKey, string To, string Message, string? From, string Accept);

/// <summary>
/// Africa's Talking's bulk SMS endpoint on loopback, speaking its documented protocol (form-encoded POST to
/// /version1/messaging with an apiKey header; JSON SMSMessageData reply with a status code per recipient), so the
/// real adapter is exercised. <see cref="Failing"/> makes it answer 500, as a provider outage would; <see cref="Slow"/>
/// makes it take its time over some recipients' messages (received at once, answered later), as a provider under load.
/// </summary>
public sealed class FakeAfricasTalking : IAsyncDisposable
{
    public const string Username = "addispay-test";
    public const string ApiKey = "atsk_test_key_0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSms> _received = new();
    private int _sequence;

    /// <summary>Africa's Talking's own casing: SMSMessageData, Message, Recipients, then statusCode, number... as declared.</summary>
    private static readonly JsonSerializerOptions AfricasTalkingJson = new() { PropertyNamingPolicy = null };

    private FakeAfricasTalking(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public volatile bool Failing;

    /// <summary>Recipients whose message is answered only after this delay.</summary>
    public ConcurrentDictionary<string, TimeSpan> Slow { get; } = new();

    public IReadOnlyList<ReceivedSms> Received => _received.ToArray();
    public IReadOnlyList<ReceivedSms> To(string phone) => _received.Where(s => s.To == phone).ToList();

    public static async Task<FakeAfricasTalking> StartAsync()
    {
        var port = Smtp4dev.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeAfricasTalking(app) { BaseUrl = $"http://127.0.0.1:{port}" };
        app.MapPost("/version1/messaging", async (HttpContext http) =>
        {
            if (http.Request.Headers["apiKey"] != ApiKey) return Results.Text("The supplied authentication is invalid", statusCode: 401);
            if (fake.Failing) return Results.Text("Internal Server Error", statusCode: 500);
            var form = await http.Request.ReadFormAsync();
            var recipients = new List<object>();
            foreach (var to in form["to"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                fake._received.Enqueue(new ReceivedSms(form["username"].ToString(), http.Request.Headers["apiKey"].ToString(), to,
                    form["message"].ToString(), form.ContainsKey("from") ? form["from"].ToString() : null, http.Request.Headers.Accept.ToString()));
                var valid = to.StartsWith("+251") && to.Length == 13;
                recipients.Add(valid
                    ? new { statusCode = 101, number = to, status = "Success", cost = "ETB 0.50", messageId = $"ATXid_{Interlocked.Increment(ref fake._sequence):D6}" }
                    : new { statusCode = 403, number = to, status = "InvalidPhoneNumber", cost = "0", messageId = "None" });
            }
            if (form["to"].ToString().Split(',', StringSplitOptions.TrimEntries).Select(to => fake.Slow.GetValueOrDefault(to)).Max() is var slow && slow > TimeSpan.Zero)
                await Task.Delay(slow);
            var sent = recipients.Count(r => JsonSerializer.Serialize(r).Contains("\"statusCode\":101"));
            return Results.Json(new { SMSMessageData = new { Message = $"Sent to {sent}/{recipients.Count} Total Cost: ETB {sent * 0.5m:0.00}", Recipients = recipients } },
                AfricasTalkingJson, statusCode: 201);
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
