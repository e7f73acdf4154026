using AddisPay.Notifications.Contracts;
using AddisPay.Shared.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>Staff cancel a campaign: a scheduled one is cancelled and never sent; one that has started cannot be.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class CancelCampaignTests(NotificationsPlatform platform)
{
    /// <summary>
    /// Two campaigns to one buyer's category: one scheduled for later and cancelled, one sent now whose cancel comes once its
    /// audience is written.
    /// </summary>
    private sealed record Cancels(Guid Later, string LaterStatus, Guid Now, Exception? NowError, IReadOnlyList<Guid> BuyersSources);

    private Task<Cancels> CancelsAsync() => platform.ArrangedAsync(async p =>
    {
        var category = Category();
        var buyer = await p.BuyerAsync(category);
        var later = (await p.SendAsync(Draft(category))).Campaign;
        later = (await p.SendAsync(new ScheduleCampaign(later.Id, later.Version, DateTimeOffset.UtcNow.AddHours(1), Staff))).Campaign;
        var laterStatus = (await p.SendAsync(new CancelCampaign(later.Id, Staff))).Campaign.Status;

        var now = (await p.SendAsync(Draft(category))).Campaign;
        await p.SendAsync(new ScheduleCampaign(now.Id, now.Version, null, Staff));
        await Eventually.Until(() => p.ResultsAsync(now.Id), c => c.Status == "queued", "the campaign's audience to be written");
        var error = await Record.ExceptionAsync(() => p.SendAsync(new CancelCampaign(now.Id, Staff)));
        return new Cancels(later.Id, laterStatus, now.Id, error, (await p.LogAsync(buyer.Email)).Select(m => m.SourceId).ToList());
    });

    [Fact]
    public async Task A_scheduled_campaign_is_cancelled() =>
        Assert.Equal("cancelled", (await CancelsAsync()).LaterStatus);

    [Fact]
    public async Task A_cancelled_campaign_is_never_sent()
    {
        var run = await CancelsAsync();
        Assert.DoesNotContain(run.Later, run.BuyersSources);
    }

    [Fact]
    public async Task Cancelling_a_campaign_that_has_started_is_refused_with_409()
    {
        var refused = Assert.IsType<ConflictException>((await CancelsAsync()).NowError);
        Assert.Equal("campaign.started", refused.Reason?.Code);
    }

    [Fact]
    public async Task A_started_campaign_whose_cancel_was_refused_still_reaches_its_audience()
    {
        var run = await CancelsAsync();
        Assert.Single(run.BuyersSources, s => s == run.Now);
    }
}
