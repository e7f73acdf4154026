using AddisPay.Notifications.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>A campaign's results for staff: recipients, messages by status, and who unsubscribed through it.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class GetCampaignResultsTests(NotificationsPlatform platform)
{
    /// <summary>A campaign to one buyer's category, sent; then the buyer posts its unsubscribe link twice.</summary>
    private sealed record Counted(CampaignResults Sent, HttpStatusCode FirstPost, HttpStatusCode SecondPost, CampaignResults AfterUnsubscribing);

    private Task<Counted> CountedAsync() => platform.ArrangedAsync(async p =>
    {
        var category = Category();
        var buyer = await p.BuyerAsync(category);
        var draft = (await p.SendAsync(Draft(category))).Campaign;
        await p.SendAsync(new ScheduleCampaign(draft.Id, draft.Version, null, Staff));
        var sent = await Eventually.Until(() => p.ResultsAsync(draft.Id), c => c.Results.FinishedAt is not null, "the campaign to be sent");

        var mails = await Eventually.Until(() => p.Smtp.MessagesToAsync(buyer.Email), m => m.Any(e => e.Subject == draft.Subject), "the campaign's e-mail");
        var link = UnsubscribeLink(mails.First(e => e.Subject == draft.Subject));
        HttpStatusCode first, second;
        using (var post = await p.Http.PostAsync(link, null)) first = post.StatusCode;
        using (var again = await p.Http.PostAsync(link, null)) second = again.StatusCode;
        return new Counted(sent.Results, first, second, (await p.ResultsAsync(draft.Id)).Results);
    });

    [Fact]
    public async Task The_results_count_the_campaigns_recipients_and_its_messages_by_status()
    {
        var sent = (await CountedAsync()).Sent;
        Assert.Equal((1, 0, 1, 0, 0, 0), (sent.Recipients, sent.Queued, sent.Sent, sent.Failed, sent.Dead, sent.Unsubscribed));
    }

    [Fact]
    public async Task The_results_count_a_customer_who_unsubscribed_through_the_campaigns_link_once_however_often_they_post_it()
    {
        var run = await CountedAsync();
        Assert.Equal(HttpStatusCode.OK, run.FirstPost);
        Assert.Equal(HttpStatusCode.OK, run.SecondPost);
        Assert.Equal(1, run.AfterUnsubscribing.Unsubscribed);
    }
}
