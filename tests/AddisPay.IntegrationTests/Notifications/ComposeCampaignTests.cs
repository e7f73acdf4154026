using AddisPay.Notifications.Contracts;
using AddisPay.Shared.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>Staff compose a campaign's draft through Notifications' contracts (the back office's compose form).</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class ComposeCampaignTests(NotificationsPlatform platform)
{
    /// <summary>A compose without its Amharic texts and with a send time in the past.</summary>
    private sealed record Refused(Exception? Error, long Written);

    private Task<Refused> RefusedAsync() => platform.ArrangedAsync(async p =>
    {
        var key = Guid.NewGuid().ToString("N");
        var error = await Record.ExceptionAsync(() => p.SendAsync(
            new ComposeCampaign("Teff season", "", "Fresh teff this week.", " ", null, DateTimeOffset.UtcNow.AddMinutes(-1), Staff, key)));
        return new Refused(error, await Scenarios.PriceChangeScenario.CountAsync(p.Factory.ConnectionString,
            $"select count(*) from notifications.campaigns where \"RequestKey\" = '{key}'"));
    });

    [Fact]
    public async Task Composing_a_campaign_without_its_Amharic_texts_or_with_a_send_time_in_the_past_is_refused_field_by_field()
    {
        var refused = Assert.IsType<ValidationFailedException>((await RefusedAsync()).Error);
        Assert.Equal(["bodyAm", "sendAt", "subjectAm"], refused.Errors.Keys.Order().ToArray());
    }

    [Fact]
    public async Task A_refused_compose_writes_nothing() =>
        Assert.Equal(0, (await RefusedAsync()).Written);

    /// <summary>One compose form sent twice with its key, and the draft's results three dispatcher polls later.</summary>
    private sealed record SentTwice(StaffCampaignChanged First, StaffCampaignChanged Second, long Written, int RecipientsLater);

    private Task<SentTwice> SentTwiceAsync() => platform.ArrangedAsync(async p =>
    {
        var key = Guid.NewGuid().ToString("N");
        var first = await p.SendAsync(Draft(null, key));
        var second = await p.SendAsync(Draft(null, key));
        var written = await Scenarios.PriceChangeScenario.CountAsync(p.Factory.ConnectionString,
            $"select count(*) from notifications.campaigns where \"RequestKey\" = '{key}'");
        await Task.Delay(300); // three of the dispatcher's polls: a draft is never started
        return new SentTwice(first, second, written, (await p.ResultsAsync(first.Campaign.Id)).Results.Recipients);
    });

    [Fact]
    public async Task A_compose_form_sent_twice_with_its_key_makes_one_draft()
    {
        var run = await SentTwiceAsync();
        Assert.False(run.First.Replayed);
        Assert.True(run.Second.Replayed);
        Assert.Equal(run.First.Campaign.Id, run.Second.Campaign.Id);
        Assert.Equal(1, run.Written);
    }

    [Fact]
    public async Task A_composed_draft_sends_nothing()
    {
        var run = await SentTwiceAsync();
        Assert.Equal("draft", run.First.Campaign.Status);
        Assert.Equal(0, run.RecipientsLater);
    }
}
