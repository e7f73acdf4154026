using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// Campaigns going out: to whom (opted-in, verified customers; a category's past buyers), in which language, with which
/// unsubscribe link and headers, at a bounded rate (120 a minute on this platform). The campaign to everyone is
/// <see cref="CampaignToEveryoneRun"/>.
/// </summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class DispatchCampaignsTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task A_campaign_to_everyone_reaches_each_opted_in_verified_customer_once()
    {
        var run = await CampaignToEveryoneRun.OnAsync(platform);
        Assert.True(run.Done.Recipients >= 2);
        Assert.Single(run.ToEnglish, e => e.Subject == CampaignToEveryoneRun.EnglishSubject);
        Assert.Single(run.ToAmharic, e => e.Subject == CampaignToEveryoneRun.AmharicSubject);
    }

    [Fact]
    public async Task An_English_speaker_gets_the_campaign_in_English_with_their_name()
    {
        var en = Assert.Single((await CampaignToEveryoneRun.OnAsync(platform)).ToEnglish, e => e.Subject == CampaignToEveryoneRun.EnglishSubject);
        Assert.Contains("Hello Abebe Kebede,", en.Text);
        Assert.Contains("Abebe Kebede, this week only", en.Text);
    }

    [Fact]
    public async Task The_campaign_emails_html_encodes_the_admins_text()
    {
        var en = Assert.Single((await CampaignToEveryoneRun.OnAsync(platform)).ToEnglish, e => e.Subject == CampaignToEveryoneRun.EnglishSubject);
        Assert.Contains("<p>Abebe Kebede, this week only: 10% off teff &amp; berbere.</p>", en.Html);
    }

    [Fact]
    public async Task An_Amharic_speaker_gets_the_campaign_in_Amharic_with_their_name()
    {
        var am = Assert.Single((await CampaignToEveryoneRun.OnAsync(platform)).ToAmharic, e => e.Subject == CampaignToEveryoneRun.AmharicSubject);
        Assert.Contains("አበበ ከበደ፣ በዚህ ሳምንት ብቻ", am.Text);
        Assert.Contains("ከዚህ ዝርዝር ይውጡ</a>", am.Html);
    }

    [Fact]
    public async Task A_campaign_email_carries_its_unsubscribe_link_and_the_one_click_unsubscribe_headers()
    {
        var en = Assert.Single((await CampaignToEveryoneRun.OnAsync(platform)).ToEnglish, e => e.Subject == CampaignToEveryoneRun.EnglishSubject);
        Assert.Contains("Unsubscribe: http://localhost/api/notifications/unsubscribe?token=", en.Text);
        Assert.StartsWith("<http://localhost/api/notifications/unsubscribe?token=", en.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", en.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_campaign_skips_a_customer_who_has_not_verified_their_address() =>
        Assert.Single((await CampaignToEveryoneRun.OnAsync(platform)).ToUnverified); // only its verification email

    [Fact]
    public async Task A_campaign_skips_a_customer_who_did_not_opt_in_to_promotions() =>
        Assert.Single((await CampaignToEveryoneRun.OnAsync(platform)).ToOptedOut); // only its verification email

    [Fact]
    public async Task A_campaign_goes_out_at_a_bounded_rate()
    {
        // 120 a minute gives each message its own half-second slot after the campaign was created; unbounded, all would leave within a few polls (~0.3 s).
        var run = await CampaignToEveryoneRun.OnAsync(platform);
        Assert.Equal(2, run.EnglishAndAmharicSentAt.Count);
        var all = run.AllSentAt;
        Assert.True(all[^1] - run.Done.CreatedAt >= TimeSpan.FromMilliseconds(500 * (all.Count - 1) - 5),
            $"{all.Count} messages were sent within {(all[^1] - run.Done.CreatedAt).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_category_campaign_reaches_only_past_buyers_from_that_category()
    {
        var category = $"coffee-{Random.Shared.Next(100000, 999999)}";
        var buyer = await platform.CustomerAsync("en", promotions: true, verified: true);
        var other = await platform.CustomerAsync("en", promotions: true, verified: true);
        var productId = Guid.NewGuid();
        await platform.PublishAsync(
            new ProductPublished(productId, "sidamo", "Sidamo coffee", "ሲዳሞ ቡና", null, null, null,
                new CategoryPath(["food", category], ["Food", "Coffee"], ["ምግብ", "ቡና"]), [], [], DateTimeOffset.UtcNow),
            new OrderPaid(Guid.NewGuid(), OrderNumber(), buyer.Id, [Coffee with { ProductId = productId }], 900m, Gateways.Sandbox, "SB-1"));
        await platform.WaitForInboxAsync();

        var campaign = await platform.CreateCampaignAsync(Campaign() with { CategorySlug = category });
        await Eventually.Until(() => platform.GetCampaignAsync(campaign.Id), c => c.Status == "queued" && c.Messages["sent"] == c.Recipients, "the category campaign");
        Assert.Equal(1, (await platform.GetCampaignAsync(campaign.Id)).Recipients);
        Assert.Single(await platform.LogAsync(buyer.Email), m => m.SourceId == campaign.Id);
        Assert.DoesNotContain(await platform.LogAsync(other.Email), m => m.SourceId == campaign.Id);
    }

    [Fact]
    public async Task A_customer_who_opted_out_of_promotions_gets_nothing_from_a_scheduled_campaign_to_their_category()
    {
        var category = Category();
        var optedIn = await platform.BuyerAsync(category);
        var optedOut = await platform.BuyerAsync(category, promotions: false);
        var draft = (await platform.SendAsync(Draft(category))).Campaign;
        await platform.SendAsync(new AddisPay.Notifications.Contracts.ScheduleCampaign(draft.Id, draft.Version, null, Staff));

        var done = await Eventually.Until(() => platform.ResultsAsync(draft.Id), c => c.Results.FinishedAt is not null, "the campaign to be sent");
        Assert.Equal(1, done.Results.Recipients);
        Assert.Single(await platform.LogAsync(optedIn.Email), m => m.SourceId == draft.Id);
        Assert.DoesNotContain(await platform.LogAsync(optedOut.Email), m => m.SourceId == draft.Id);
        Assert.DoesNotContain(await platform.Smtp.MessagesToAsync(optedOut.Email), e => e.Subject == draft.Subject);
    }
}
