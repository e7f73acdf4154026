using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Notifications.Contracts;
using AddisPay.Notifications.CreateCampaign;
using AddisPay.Orders.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>An SMTP server that is not there (a closed loopback port) and an SMS provider that answers 500.</summary>
public sealed class BrokenProvidersPlatform : NotificationsPlatform
{
    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["AddisPay:Notifications:Email:Port"] = Smtp4dev.FreePort().ToString();
}

/// <summary>Failed sends are retried with backoff, then dead-lettered for admins, who can resend them.</summary>
public sealed class DeliveryFailureTests(BrokenProvidersPlatform platform) : IClassFixture<BrokenProvidersPlatform>
{
    [Fact]
    public async Task Failing_email_and_sms_end_dead_after_their_retries_and_a_resend_delivers_once_the_provider_is_back()
    {
        platform.Sms.Failing = true;
        var customer = await platform.CustomerAsync("en");
        await platform.PublishAsync(new OrderShipped(Guid.NewGuid(), "AP-424242", customer.Id, "DHL", "JD0001"));

        var deadEmail = await Eventually.Until(() => platform.LogAsync(customer.Email, "dead"), l => l.Count == 2, "both emails to die");
        Assert.All(deadEmail, m =>
        {
            Assert.Equal(3, m.Attempts);
            Assert.Contains("SocketException", m.LastError);
        });
        var deadSms = Assert.Single(await Eventually.Until(() => platform.LogAsync(customer.Phone!, "dead"), l => l.Count == 1, "the SMS to die"));
        Assert.Equal(3, deadSms.Attempts);
        Assert.Contains("500", deadSms.LastError);
        Assert.Empty(platform.Sms.To(customer.Phone!)); // its own messages only: other tests of the class send SMS too

        // Admins see the dead letters.
        using (var list = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=dead", Tokens.Admin()))
        {
            var page = (await list.Content.ReadFromJsonAsync<MessagePage>(NotificationsPlatform.Json))!;
            Assert.Contains(page.Items, m => m.Id == deadSms.Id);
            Assert.All(page.Items, m => Assert.Equal("dead", m.Status));
        }

        // The provider recovers; the admin resends and the SMS goes out exactly once.
        platform.Sms.Failing = false;
        using (var resend = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{deadSms.Id}/resend", Tokens.Admin()))
        {
            Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
            Assert.Equal("queued", (await resend.Content.ReadFromJsonAsync<MessageView>(NotificationsPlatform.Json))!.Status);
        }
        var sent = await Eventually.Until(() => platform.LogAsync(customer.Phone!), l => l.Single().Status == "sent", "the resent SMS to be sent");
        Assert.Equal(1, sent[0].Attempts);
        Assert.Equal("AddisPay: order AP-424242 shipped with DHL, tracking number JD0001.", Assert.Single(platform.Sms.To(customer.Phone!)).Message);

        // The SMTP server is still down: a resent email is retried again and dies again, it is not lost.
        var email = deadEmail.Single(m => m.Template == "order_shipped");
        using (var resend = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{email.Id}/resend", Tokens.Admin()))
            Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        var again = await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Single(m => m.Id == email.Id) is { Status: "dead", LastAttemptAt: var at } && at > email.LastAttemptAt,
            "the resent email to die again");
        Assert.Equal(3, again.Single(m => m.Id == email.Id).Attempts);
    }

    [Fact]
    public async Task Another_module_finds_a_dead_message_by_status_recipient_and_date_and_resending_it_twice_sends_it_once()
    {
        platform.Sms.Failing = true;
        var customer = await platform.CustomerAsync("en");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await platform.PublishAsync(new OrderShipped(Guid.NewGuid(), "AP-434343", customer.Id, "DHL", "JD0002"));
        await Eventually.Until(() => platform.LogAsync(customer.Phone!, "dead"), l => l.Count == 1, "the SMS to die");
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var dead = Assert.Single((await sender.Send(new ListMessages("dead", customer.Phone, before, DateTimeOffset.UtcNow.AddMinutes(1)))).Items);
        Assert.Empty((await sender.Send(new ListMessages("dead", customer.Phone, From: DateTimeOffset.UtcNow.AddMinutes(1)))).Items);
        Assert.Empty((await sender.Send(new ListMessages("sent", customer.Phone))).Items);

        platform.Sms.Failing = false;
        Assert.Equal("queued", (await sender.Send(new ResendMessage(dead.Id))).Status);
        var repeat = await Assert.ThrowsAsync<AddisPay.Shared.Contracts.ConflictException>(async () => await sender.Send(new ResendMessage(dead.Id)));
        Assert.Equal("notifications.not-dead", repeat.Reason?.Code);

        await Eventually.Until(() => platform.LogAsync(customer.Phone!, "sent"), l => l.Count == 1, "the resent SMS to be sent");
        Assert.Single(platform.Sms.To(customer.Phone!));
    }

    [Fact]
    public async Task Listing_the_delivery_log_with_an_unknown_status_or_an_empty_date_window_is_refused_field_by_field()
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var now = DateTimeOffset.UtcNow;
        var refused = await Assert.ThrowsAsync<AddisPay.Shared.Contracts.ValidationFailedException>(async () =>
            await sender.Send(new ListMessages("lost", From: now, To: now, PageSize: 500)));
        Assert.Equal(["pageSize", "status", "to"], refused.Errors.Keys.Order().ToArray());
    }
}

/// <summary>Quiet hours around the current Addis Ababa time.</summary>
public sealed class QuietHoursPlatform : NotificationsPlatform
{
    public static readonly DateTimeOffset End = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(3)).AddHours(1);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["AddisPay:Notifications:QuietHours:Start"] = End.AddHours(-2).ToString("HH:mm");
        settings["AddisPay:Notifications:QuietHours:End"] = End.ToString("HH:mm");
    }
}

public sealed partial class QuietHoursTests(QuietHoursPlatform platform) : IClassFixture<QuietHoursPlatform>
{
    [Fact]
    public async Task Promotions_wait_for_quiet_hours_to_end_while_order_updates_go_out_at_once()
    {
        // Its verification email is transactional: it is sent during quiet hours.
        var customer = await platform.CustomerAsync("en", promotions: true, verified: true);

        using (var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(),
                   new CreateCampaignRequest("Weekend offer", "የሳምንቱ መጨረሻ ቅናሽ", "Fresh coffee for less.", "ትኩስ ቡና በቅናሽ።", null)))
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var held = await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Any(m => m.Template == "promotion"), "the promotion to be queued");
        var promotion = held.Single(m => m.Template == "promotion");
        Assert.Equal("queued", promotion.Status);
        var end = new DateTimeOffset(QuietHoursPlatform.End.Year, QuietHoursPlatform.End.Month, QuietHoursPlatform.End.Day,
            QuietHoursPlatform.End.Hour, QuietHoursPlatform.End.Minute, 0, QuietHoursPlatform.End.Offset);
        Assert.Equal(end, promotion.NextAttemptAt);

        // An order update queued after the promotion is sent straight away; the promotion is still waiting.
        await platform.PublishAsync(new OrderShipped(Guid.NewGuid(), "AP-515151", customer.Id, "DHL", "Q1"));
        var emails = await platform.EmailsAsync(customer.Email, 2);
        Assert.Contains(emails, e => e.Subject == "Your order AP-515151 is on its way");
        var log = await platform.LogAsync(customer.Email);
        Assert.Equal("queued", log.Single(m => m.Template == "promotion").Status);
        Assert.Equal(0, log.Single(m => m.Template == "promotion").Attempts);
    }
}
