using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AddisPay.Notifications.Contracts;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>A customer registered through Users, as Notifications will see them.</summary>
public sealed record Customer(Guid Id, string Email, string? Phone, string Name, string Language, string AccessToken);

/// <summary>
/// Users, Products and Notifications in one test host, sending to a real SMTP server (smtp4dev) and to a fake
/// Africa's Talking on loopback, with short retry delays. Tests publish Orders' and Payments' events themselves. Shared by
/// every use-case class of <c>Notifications/</c> (collection "Notifications"): the classes run one after another on it, so
/// every test makes its own customers, products and campaigns and reads only those back.
/// </summary>
public class NotificationsPlatform : IAsyncLifetime
{
    public const string Collection = "Notifications";

    public PlatformFactory Factory { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public Smtp4dev Smtp { get; private set; } = null!;
    public FakeAfricasTalking Sms { get; private set; } = null!;

    /// <summary>Settings a derived platform changes (quiet hours, a dead SMTP server).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings) { }

    public async Task InitializeAsync()
    {
        Smtp = await Smtp4dev.InstanceAsync();
        Sms = await FakeAfricasTalking.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AddisPay:Notifications:StorefrontUrl"] = "https://shop.addispay.test",
            ["AddisPay:Notifications:PublicUrl"] = "http://localhost",
            ["AddisPay:Notifications:UnsubscribeKey"] = "notification-tests-unsubscribe-key-0123456789",
            ["AddisPay:Notifications:Email:Host"] = "127.0.0.1",
            ["AddisPay:Notifications:Email:Port"] = Smtp.SmtpPort.ToString(),
            ["AddisPay:Notifications:Email:Security"] = "None",
            ["AddisPay:Notifications:Email:From"] = "shop@addispay.test",
            ["AddisPay:Notifications:Email:TimeoutMs"] = "3000",
            ["AddisPay:Notifications:Sms:BaseUrl"] = Sms.BaseUrl,
            ["AddisPay:Notifications:Sms:Username"] = FakeAfricasTalking.Username,
            ["AddisPay:Notifications:Sms:ApiKey"] = FakeAfricasTalking.ApiKey,
            ["AddisPay:Notifications:Sms:From"] = "AddisPay",
            ["AddisPay:Notifications:Sms:TimeoutMs"] = "3000",
            ["AddisPay:Notifications:Delivery:MaxAttempts"] = "3",
            ["AddisPay:Notifications:Delivery:BaseDelayMs"] = "50",
            ["AddisPay:Notifications:Delivery:MaxDelayMs"] = "200",
            // A lease of 5 s (the 3 s timeouts plus this margin), so a test can outlast it; rounds wake at commit and when a
            // retry falls due, so the poll stays at its default.
            ["AddisPay:Notifications:Delivery:LeaseMarginMs"] = "2000",
            ["AddisPay:Notifications:Promotions:PollIntervalMs"] = "100",
            ["AddisPay:Notifications:Promotions:MessagesPerMinute"] = "120",
            // Off unless a test turns them on, so promotions are not held by the hour the suite runs at.
            ["AddisPay:Notifications:QuietHours:Start"] = "00:00",
            ["AddisPay:Notifications:QuietHours:End"] = "00:00",
        };
        Configure(settings);
        Factory = new PlatformFactory("users,products,notifications", settings);
        Http = Factory.CreateClient();
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Sms.DisposeAsync();
    }

    public async Task<Customer> CustomerAsync(string language = "en", bool orderUpdates = true, bool promotions = false, bool verified = false, bool phone = true)
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        var phoneNumber = phone ? $"09{Random.Shared.Next(10_000_000, 99_999_999)}" : null;
        var name = language == "am" ? "አበበ ከበደ" : "Abebe Kebede";
        Guid id;
        using (var r = await Http.PostAsJsonAsync("/api/users/register",
                   new { email, password = Accounts.Password, fullName = name, phone = phoneNumber, preferredLanguage = language, acceptPromotions = promotions }))
        {
            await Shop.Expect(r, HttpStatusCode.Accepted);
        }
        id = await new Accounts(Http, Factory.ConnectionString).UserIdAsync(email); // the answer carries no id (it must not tell a new address from a taken one)
        // A token as Users issues it (services validate them locally); signing in would only cost another password hash.
        var token = Tokens.For(id.ToString(), "customer");
        if (!orderUpdates)
            using (var put = await SendAsync(HttpMethod.Put, "/api/users/me", token,
                       new { fullName = name, phone = phoneNumber, preferredLanguage = language, notifyOrderUpdates = false, notifyPromotions = promotions }))
                await Shop.Expect(put, HttpStatusCode.OK);
        if (verified)
        {
            var verification = (await EmailsAsync(email, 1))[0];
            var link = Regex.Match(verification.Text, @"https://shop\.addispay\.test/verify-email\?token=(\S+)");
            Assert.True(link.Success, "The verification email has a link: " + verification.Text);
            using var verify = await Http.PostAsJsonAsync("/api/users/verify-email", new { token = Uri.UnescapeDataString(link.Groups[1].Value) });
            await Shop.Expect(verify, HttpStatusCode.NoContent);
        }
        return new Customer(id, email, phoneNumber is null ? null : "+251" + phoneNumber[1..], name, language, token);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    /// <summary>Waits until exactly <paramref name="count"/> emails reached <paramref name="address"/>, and no more.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> EmailsAsync(string address, int count) =>
        await Eventually.Until(() => Smtp.MessagesToAsync(address), m => m.Count >= count, $"{count} email(s) to {address}") is var emails && emails.Count == count
            ? emails : throw new Xunit.Sdk.XunitException($"Expected {count} emails to {address} but got {emails.Count}: {string.Join(" | ", emails.Select(e => e.Subject))}");

    /// <summary>Publishes the events through the platform's event log in one transaction, as Orders or Payments would.</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        var log = Factory.Services.GetRequiredService<EventLog>();
        await using var conn = new NpgsqlConnection(Factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await log.PublishAsync(tx, events, CancellationToken.None);
        await tx.CommitAsync();
    }

    /// <summary>Waits until the notifications inbox has handled every event published so far (redeliveries included).</summary>
    public async Task WaitForInboxAsync()
    {
        var inbox = Factory.Services.GetRequiredService<IReadOnlyList<InboxDescriptor>>().Single(i => i.Module == "notifications");
        await Eventually.Until(() => SubscriptionMonitor.ReadAsync(Factory.ConnectionString, inbox, CancellationToken.None),
            s => s.Backlog == 0 && s.Position > 0, "the notifications inbox to catch up");
    }

    /// <summary>The delivery log for one recipient, through the admin API.</summary>
    public async Task<IReadOnlyList<MessageView>> LogAsync(string recipient, string? status = null)
    {
        using var r = await SendAsync(HttpMethod.Get, $"/api/notifications/messages?recipient={Uri.EscapeDataString(recipient)}&pageSize=200"
            + (status is null ? "" : $"&status={status}"), Tokens.Admin());
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<MessagePage>(Json))!.Items;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Arrangements _arranged = new();

    /// <summary>
    /// What <paramref name="arrange"/> sets up, does and observes, run once on this platform for every test that asks for a
    /// <typeparamref name="T"/> (the first one waits for it): where several behaviours follow one arrangement (a sent
    /// campaign, a restocked product), each fact asserts one of them on the same run instead of repeating it. A failed
    /// arrangement fails every fact that shares it.
    /// </summary>
    public Task<T> ArrangedAsync<T>(Func<NotificationsPlatform, Task<T>> arrange) => _arranged.OnceAsync(() => arrange(this));
}

[CollectionDefinition(NotificationsPlatform.Collection)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationsPlatform>;

/// <summary>An SMTP server that is not there (a closed loopback port) and an SMS provider that answers 500.</summary>
public sealed class BrokenProvidersPlatform : NotificationsPlatform
{
    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["AddisPay:Notifications:Email:Port"] = Smtp4dev.FreePort().ToString();
}

/// <summary>Quiet hours around the current Addis Ababa time.</summary>
public sealed class QuietHoursPlatform : NotificationsPlatform
{
    public static readonly DateTimeOffset End = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).AddHours(1);

    /// <summary><see cref="End"/> to the minute: when held promotions go out.</summary>
    public static DateTimeOffset EndMinute => new(End.Year, End.Month, End.Day, End.Hour, End.Minute, 0, End.Offset);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["AddisPay:Notifications:QuietHours:Start"] = End.AddHours(-2).ToString("HH:mm");
        settings["AddisPay:Notifications:QuietHours:End"] = End.ToString("HH:mm");
    }
}
