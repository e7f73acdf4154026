using AddisPay.Notifications.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>Staff schedule a campaign for later: it waits for its time, then goes out.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class ScheduleCampaignTests(NotificationsPlatform platform)
{
    /// <summary>A campaign to one buyer's category scheduled 6 s ahead, looked at after five dispatcher polls and once sent.</summary>
    private sealed record Scheduled(StaffCampaign Campaign, string StatusSoon, IReadOnlyList<MessageView> LogSoon, StaffCampaign Done,
        IReadOnlyList<MessageView> LogDone);

    private Task<Scheduled> ScheduledAsync() => platform.ArrangedAsync(async p =>
    {
        var category = Category();
        var buyer = await p.BuyerAsync(category);
        var draft = (await p.SendAsync(Draft(category))).Campaign;
        var scheduled = (await p.SendAsync(new ScheduleCampaign(draft.Id, draft.Version, DateTimeOffset.UtcNow.AddSeconds(6), Staff))).Campaign;

        await Task.Delay(500); // five of the dispatcher's polls
        var statusSoon = (await p.ResultsAsync(draft.Id)).Status;
        var logSoon = await p.LogAsync(buyer.Email);

        var done = await Eventually.Until(() => p.ResultsAsync(draft.Id), c => c.Results.FinishedAt is not null, "the scheduled campaign to be sent");
        return new Scheduled(scheduled, statusSoon, logSoon, done, await p.LogAsync(buyer.Email));
    });

    [Fact]
    public async Task A_campaign_scheduled_for_a_time_outside_quiet_hours_is_scheduled_for_that_time()
    {
        var scheduled = (await ScheduledAsync()).Campaign;
        Assert.Equal("scheduled", scheduled.Status);
        Assert.False(scheduled.InQuietHours);
    }

    [Fact]
    public async Task A_scheduled_campaign_does_not_go_out_before_its_time()
    {
        var run = await ScheduledAsync();
        Assert.Equal("scheduled", run.StatusSoon);
        Assert.DoesNotContain(run.LogSoon, m => m.SourceId == run.Campaign.Id);
    }

    [Fact]
    public async Task A_scheduled_campaign_goes_out_at_its_time()
    {
        var run = await ScheduledAsync();
        var message = Assert.Single(run.LogDone, m => m.SourceId == run.Campaign.Id);
        Assert.True(message.SentAt >= run.Campaign.SendAt, $"sent at {message.SentAt:O}, scheduled for {run.Campaign.SendAt:O}");
        Assert.True(run.Done.Results.StartedAt >= run.Campaign.SendAt, $"started at {run.Done.Results.StartedAt:O}, scheduled for {run.Campaign.SendAt:O}");
    }
}
