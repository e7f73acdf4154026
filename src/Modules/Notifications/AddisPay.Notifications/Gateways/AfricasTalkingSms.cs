using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace AddisPay.Notifications.Gateways;

/// <summary>
/// Africa's Talking bulk SMS (serves Ethio telecom and Safaricom Ethiopia numbers): POST {base}/version1/messaging,
/// form fields username, to, message and from, header apiKey. A recipient statusCode of 100–102 means accepted.
/// </summary>
internal sealed class AfricasTalkingSms(HttpClient http, IOptions<NotificationsOptions> options) : ISmsProvider
{
    public async Task<string> SendAsync(string phone, string text, CancellationToken ct)
    {
        var o = options.Value.Sms;
        var form = new List<KeyValuePair<string, string>> { new("username", o.Username), new("to", phone), new("message", text) };
        if (!string.IsNullOrWhiteSpace(o.From)) form.Add(new("from", o.From));
        using var request = new HttpRequestMessage(HttpMethod.Post, o.BaseUrl!.TrimEnd('/') + "/version1/messaging")
        {
            Content = new FormUrlEncodedContent(form)
        };
        request.Headers.Add("apiKey", o.ApiKey);
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Africa's Talking answered {(int)response.StatusCode}: {Shorten(body)}");

        var result = JsonSerializer.Deserialize<Reply>(body)
            ?? throw new SmsRejectedException($"Africa's Talking sent an empty reply: {Shorten(body)}");
        var recipient = result.Data?.Recipients?.FirstOrDefault()
            ?? throw new SmsRejectedException($"Africa's Talking accepted no recipient: {result.Data?.Message ?? Shorten(body)}");
        if (recipient.StatusCode is < 100 or > 102)
            throw new SmsRejectedException($"Africa's Talking refused {recipient.Number}: {recipient.Status} ({recipient.StatusCode})");
        return recipient.MessageId ?? "";
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300];

    private sealed record Reply([property: JsonPropertyName("SMSMessageData")] ReplyData? Data);
    private sealed record ReplyData(
        [property: JsonPropertyName("Message")] string? Message,
        [property: JsonPropertyName("Recipients")] List<ReplyRecipient>? Recipients);
    private sealed record ReplyRecipient(
        [property: JsonPropertyName("statusCode")] int StatusCode,
        [property: JsonPropertyName("number")] string? Number,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("messageId")] string? MessageId);
}
