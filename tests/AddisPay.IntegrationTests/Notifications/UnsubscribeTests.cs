namespace AddisPay.IntegrationTests.Notifications;

/// <summary>A campaign email's one-click unsubscribe link, followed without signing in, in <see cref="CampaignToEveryoneRun"/>.</summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class UnsubscribeTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task Opening_the_unsubscribe_link_shows_a_form_to_confirm_and_changes_nothing()
    {
        var run = (await CampaignToEveryoneRun.OnAsync(platform)).Unsubscribing;
        Assert.Equal(HttpStatusCode.OK, run.PageAnswer);
        Assert.Contains("<form method=\"post\"", run.Page);
        Assert.True(run.PromotionsAfterPage);
    }

    [Fact]
    public async Task Posting_the_unsubscribe_link_opts_the_customer_out_of_promotions_without_signing_in()
    {
        var run = (await CampaignToEveryoneRun.OnAsync(platform)).Unsubscribing;
        Assert.Equal(HttpStatusCode.OK, run.PostAnswer);
        Assert.Contains("You are unsubscribed", run.PostPage);
        Assert.False(run.PromotionsAfterPost);
    }

    [Fact]
    public async Task Opening_the_unsubscribe_link_with_confirm_opts_the_customer_out_of_promotions()
    {
        var run = (await CampaignToEveryoneRun.OnAsync(platform)).Unsubscribing;
        Assert.Equal(HttpStatusCode.OK, run.ConfirmAnswer);
        Assert.False(run.AmharicPromotionsAfterConfirm);
    }

    [Fact]
    public async Task A_forged_unsubscribe_link_is_refused_with_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await CampaignToEveryoneRun.OnAsync(platform)).Unsubscribing.ForgedAnswer);

    [Fact]
    public async Task Customers_who_unsubscribed_by_the_link_are_not_in_the_next_campaign()
    {
        var run = await CampaignToEveryoneRun.OnAsync(platform);
        Assert.DoesNotContain(run.Second.Id, run.EnglishSourcesAfter);
        Assert.DoesNotContain(run.Second.Id, run.AmharicSourcesAfter);
    }
}
