using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Notifications.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// Staff campaigns through Notifications' contracts (the back office sends these): compose a draft, change it, schedule it,
/// cancel it, and read its results. Each campaign here goes to past buyers of a category made for the test, so its
/// audience is the test's own customers and not every opted-in customer the other tests registered.
/// </summary>
public sealed partial class NotificationTests
{
    private static readonly Guid Staff = Guid.NewGuid();

    [Fact]
    public async Task Composing_a_campaign_without_its_Amharic_texts_or_with_a_send_time_in_the_past_is_refused_field_by_field_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString("N");
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(
            new ComposeCampaign("Teff season", "", "Fresh teff this week.", " ", null, DateTimeOffset.UtcNow.AddMinutes(-1), Staff, key)));

        Assert.Equal(["bodyAm", "sendAt", "subjectAm"], refused.Errors.Keys.Order().ToArray());
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from notifications.campaigns where \"RequestKey\" = '{key}'"));
    }

    [Fact]
    public async Task A_compose_form_sent_twice_with_its_key_makes_one_draft_that_sends_nothing()
    {
        var key = Guid.NewGuid().ToString("N");
        var first = await SendAsync(Draft(null, key));
        var second = await SendAsync(Draft(null, key));

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Campaign.Id, second.Campaign.Id);
        Assert.Equal("draft", first.Campaign.Status);
        Assert.Equal(1, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from notifications.campaigns where \"RequestKey\" = '{key}'"));
        await Task.Delay(300); // three of the dispatcher's polls: a draft is never started
        Assert.Equal(0, (await ResultsAsync(first.Campaign.Id)).Results.Recipients);
    }

    [Fact]
    public async Task A_change_sent_with_a_version_read_before_another_change_is_refused_with_412_and_changes_nothing()
    {
        var draft = (await SendAsync(Draft(null))).Campaign;
        var changed = await SendAsync(Change(draft, "Coffee week"));
        Assert.NotEqual(draft.Version, changed.Campaign.Version);

        using (var stale = await platform.SendAsync(HttpMethod.Put, $"/api/notifications/campaigns/{draft.Id}", Tokens.Admin(),
                   new { subject = "Berbere week", subjectAm = draft.SubjectAm, body = draft.Body, bodyAm = draft.BodyAm }, ifMatch: $"\"{draft.Version}\""))
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => SendAsync(Change(draft, "Berbere week")));
        Assert.Equal("Coffee week", (await ResultsAsync(draft.Id)).Subject);
    }

    [Fact]
    public async Task Cancelling_a_campaign_that_has_started_is_refused_with_409_while_a_scheduled_one_is_cancelled_and_never_sent()
    {
        var category = await CategoryAsync();
        var buyer = await BuyerAsync(category);
        var later = (await SendAsync(Draft(category))).Campaign;
        later = (await SendAsync(new ScheduleCampaign(later.Id, later.Version, DateTimeOffset.UtcNow.AddHours(1), Staff))).Campaign;
        Assert.Equal("cancelled", (await SendAsync(new CancelCampaign(later.Id, Staff))).Campaign.Status);

        var now = (await SendAsync(Draft(category))).Campaign;
        await SendAsync(new ScheduleCampaign(now.Id, now.Version, null, Staff));
        await Eventually.Until(() => ResultsAsync(now.Id), c => c.Status == "queued", "the campaign's audience to be written");
        var refused = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CancelCampaign(now.Id, Staff)));
        Assert.Equal("campaign.started", refused.Reason?.Code);
        Assert.Single(await platform.LogAsync(buyer.Email), m => m.SourceId == now.Id);
        Assert.DoesNotContain(await platform.LogAsync(buyer.Email), m => m.SourceId == later.Id);
    }

    [Fact]
    public async Task A_scheduled_campaign_goes_out_at_its_time_and_not_before()
    {
        var category = await CategoryAsync();
        var buyer = await BuyerAsync(category);
        var draft = (await SendAsync(Draft(category))).Campaign;
        var scheduled = (await SendAsync(new ScheduleCampaign(draft.Id, draft.Version, DateTimeOffset.UtcNow.AddSeconds(6), Staff))).Campaign;
        Assert.Equal("scheduled", scheduled.Status);
        Assert.False(scheduled.InQuietHours);

        await Task.Delay(500); // five of the dispatcher's polls
        Assert.Equal("scheduled", (await ResultsAsync(draft.Id)).Status);
        Assert.DoesNotContain(await platform.LogAsync(buyer.Email), m => m.SourceId == draft.Id);

        var done = await Eventually.Until(() => ResultsAsync(draft.Id), c => c.Results.FinishedAt is not null, "the scheduled campaign to be sent");
        var message = Assert.Single(await platform.LogAsync(buyer.Email), m => m.SourceId == draft.Id);
        Assert.True(message.SentAt >= scheduled.SendAt, $"sent at {message.SentAt:O}, scheduled for {scheduled.SendAt:O}");
        Assert.True(done.Results.StartedAt >= scheduled.SendAt, $"started at {done.Results.StartedAt:O}, scheduled for {scheduled.SendAt:O}");
    }

    [Fact]
    public async Task The_results_count_the_campaigns_recipients_sent_messages_and_the_customer_who_unsubscribed_through_its_link()
    {
        var category = await CategoryAsync();
        var buyer = await BuyerAsync(category);
        var draft = (await SendAsync(Draft(category))).Campaign;
        await SendAsync(new ScheduleCampaign(draft.Id, draft.Version, null, Staff));
        var sent = await Eventually.Until(() => ResultsAsync(draft.Id), c => c.Results.FinishedAt is not null, "the campaign to be sent");
        Assert.Equal((1, 0, 1, 0, 0, 0), (sent.Results.Recipients, sent.Results.Queued, sent.Results.Sent, sent.Results.Failed, sent.Results.Dead, sent.Results.Unsubscribed));

        var mails = await Eventually.Until(() => platform.Smtp.MessagesToAsync(buyer.Email), m => m.Any(e => e.Subject == draft.Subject), "the campaign's e-mail");
        var email = Assert.Single(mails, e => e.Subject == draft.Subject);
        var link = Regex.Match(email.Text, @"http://localhost(/api/notifications/unsubscribe\?token=\S+)").Groups[1].Value;
        using (var post = await platform.Http.PostAsync(link, null)) Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        using (var again = await platform.Http.PostAsync(link, null)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        Assert.Equal(1, (await ResultsAsync(draft.Id)).Results.Unsubscribed);
    }

    [Fact]
    public async Task A_customer_who_opted_out_of_promotions_gets_nothing_from_a_scheduled_campaign_to_their_category()
    {
        var category = await CategoryAsync();
        var optedIn = await BuyerAsync(category);
        var optedOut = await BuyerAsync(category, promotions: false);
        var draft = (await SendAsync(Draft(category))).Campaign;
        await SendAsync(new ScheduleCampaign(draft.Id, draft.Version, null, Staff));

        var done = await Eventually.Until(() => ResultsAsync(draft.Id), c => c.Results.FinishedAt is not null, "the campaign to be sent");
        Assert.Equal(1, done.Results.Recipients);
        Assert.Single(await platform.LogAsync(optedIn.Email), m => m.SourceId == draft.Id);
        Assert.DoesNotContain(await platform.LogAsync(optedOut.Email), m => m.SourceId == draft.Id);
        Assert.DoesNotContain(await platform.Smtp.MessagesToAsync(optedOut.Email), e => e.Subject == draft.Subject);
    }

    [Fact]
    public async Task The_preview_renders_the_campaign_in_English_and_Amharic_with_the_template_customers_get()
    {
        var draft = (await SendAsync(Draft(null))).Campaign;

        var preview = await SendAsync(new PreviewCampaign(draft.Id, "Abebe Kebede"));

        Assert.Equal(draft.Subject, preview.English.Subject);
        Assert.Contains("Hello Abebe Kebede,", preview.English.Text);
        Assert.Contains("Abebe Kebede, this week only", preview.English.Text);
        Assert.Contains("<p>Abebe Kebede, this week only: 10% off teff &amp; berbere.</p>", preview.English.Html);
        Assert.Equal("የጤፍ ወቅት፦ 10% ቅናሽ", preview.Amharic.Subject);
        Assert.Contains("Abebe Kebede፣ በዚህ ሳምንት ብቻ", preview.Amharic.Text);
        Assert.Contains("ከዚህ ዝርዝር ይውጡ</a>", preview.Amharic.Html);
    }

    [Fact]
    public async Task Support_agents_and_customers_are_refused_every_staff_campaign_endpoint()
    {
        var draft = (await SendAsync(Draft(null))).Campaign;
        var requests = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, "/api/notifications/campaigns", null),
            (HttpMethod.Post, "/api/notifications/campaigns/drafts", new { subject = "Hi there", subjectAm = "ሰላም ሰላም", body = "Fresh teff", bodyAm = "ትኩስ ጤፍ" }),
            (HttpMethod.Put, $"/api/notifications/campaigns/{draft.Id}", new { subject = "Hi there", subjectAm = "ሰላም ሰላም", body = "Fresh teff", bodyAm = "ትኩስ ጤፍ" }),
            (HttpMethod.Post, $"/api/notifications/campaigns/{draft.Id}/schedule", new { sendAt = (DateTimeOffset?)null }),
            (HttpMethod.Post, $"/api/notifications/campaigns/{draft.Id}/cancel", null),
            (HttpMethod.Get, $"/api/notifications/campaigns/{draft.Id}/results", null),
            (HttpMethod.Get, $"/api/notifications/campaigns/{draft.Id}/preview", null),
        };
        foreach (var token in new[] { Tokens.For(Guid.NewGuid().ToString(), "support"), Tokens.Customer(Guid.NewGuid().ToString()) })
            foreach (var (method, url, body) in requests)
                using (var r = await platform.SendAsync(method, url, token, body))
                    Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{method} {url}: {(int)r.StatusCode}");
        Assert.Equal("draft", (await ResultsAsync(draft.Id)).Status);
    }

    private static ComposeCampaign Draft(string? category, string? key = null) =>
        new($"Teff season {Guid.NewGuid():N}"[..24], "የጤፍ ወቅት፦ 10% ቅናሽ",
            "{{ name }}, this week only: 10% off teff & berbere.\n\nSee you at AddisPay.",
            "{{ name }}፣ በዚህ ሳምንት ብቻ በጤፍና በበርበሬ ላይ 10% ቅናሽ።\n\nበAddisPay እንገናኝ።", category, null, Staff, key ?? Guid.NewGuid().ToString("N"));

    private static ChangeCampaign Change(StaffCampaign c, string subject) =>
        new(c.Id, c.Version, subject, c.SubjectAm, c.Body, c.BodyAm, c.CategorySlug, c.SendAt, Staff);

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private async Task<StaffCampaign> ResultsAsync(Guid id) => (await SendAsync(new GetCampaignResults(id)))!;

    private static Task<string> CategoryAsync() => Task.FromResult($"campaign-{Random.Shared.Next(100000, 999999)}");

    /// <summary>A verified customer who bought a product of <paramref name="category"/>: the audience of a campaign to it.</summary>
    private async Task<Customer> BuyerAsync(string category, bool promotions = true)
    {
        var buyer = await platform.CustomerAsync("en", promotions: promotions, verified: true);
        var productId = Guid.NewGuid();
        await platform.PublishAsync(
            new ProductPublished(productId, $"teff-{productId:N}", "Teff flour", "የጤፍ ዱቄት", null, null, null,
                new CategoryPath(["food", category], ["Food", "Teff"], ["ምግብ", "ጤፍ"]), [], [], DateTimeOffset.UtcNow),
            new OrderPaid(Guid.NewGuid(), OrderNumber(), buyer.Id, [Coffee with { ProductId = productId }], 900m, Gateways.Sandbox, "SB-1"));
        await platform.WaitForInboxAsync();
        return buyer;
    }
}
