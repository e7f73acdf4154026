using AddisPay.Notifications.Contracts;
using AddisPay.Shared.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>Staff change a draft, through the API and through the contracts, against the version they read.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class ChangeCampaignTests(NotificationsPlatform platform)
{
    /// <summary>A draft changed once, then changed again over HTTP and through the contracts with the version read before the first change.</summary>
    private sealed record StaleChanges(StaffCampaign Draft, StaffCampaign Changed, HttpStatusCode HttpAnswer, Exception? ContractsError, string SubjectAfter);

    private Task<StaleChanges> StaleChangesAsync() => platform.ArrangedAsync(async p =>
    {
        var draft = (await p.SendAsync(Draft(null))).Campaign;
        var changed = (await p.SendAsync(Change(draft, "Coffee week"))).Campaign;
        HttpStatusCode httpAnswer;
        using (var stale = await p.SendAsync(HttpMethod.Put, $"/api/notifications/campaigns/{draft.Id}", Tokens.Admin(),
                   new { subject = "Berbere week", subjectAm = draft.SubjectAm, body = draft.Body, bodyAm = draft.BodyAm }, ifMatch: $"\"{draft.Version}\""))
            httpAnswer = stale.StatusCode;
        var error = await Record.ExceptionAsync(() => p.SendAsync(Change(draft, "Berbere week")));
        return new StaleChanges(draft, changed, httpAnswer, error, (await p.ResultsAsync(draft.Id)).Subject);
    });

    [Fact]
    public async Task A_change_gives_the_campaign_a_new_version()
    {
        var run = await StaleChangesAsync();
        Assert.NotEqual(run.Draft.Version, run.Changed.Version);
    }

    [Fact]
    public async Task A_change_over_the_api_with_a_version_read_before_another_change_is_refused_with_412() =>
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await StaleChangesAsync()).HttpAnswer);

    [Fact]
    public async Task A_change_through_the_contracts_with_a_version_read_before_another_change_is_refused() =>
        Assert.IsType<PreconditionFailedException>((await StaleChangesAsync()).ContractsError);

    [Fact]
    public async Task A_refused_stale_change_changes_nothing() =>
        Assert.Equal("Coffee week", (await StaleChangesAsync()).SubjectAfter);
}
