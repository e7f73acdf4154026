using AddisPay.Notifications.CreateCampaign;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// One campaign an admin creates through the API, sent at once to every opted-in, verified customer, run once on the platform
/// (<see cref="NotificationsPlatform.ArrangedAsync{T}"/>) for <see cref="DispatchCampaignsTests"/> and
/// <see cref="UnsubscribeTests"/>: an English and an Amharic customer who opted in, one who has not verified their address
/// and one who did not opt in. Then the English customer opens their unsubscribe link and posts it, the Amharic one opens
/// theirs with <c>confirm=true</c>, a forged link is posted, and a second campaign goes out.
/// </summary>
public sealed record CampaignToEveryoneRun(
    Customer English, Customer Amharic, Customer Unverified, Customer OptedOut, CampaignView Campaign, CampaignView Done,
    IReadOnlyList<ReceivedEmail> ToEnglish, IReadOnlyList<ReceivedEmail> ToAmharic, IReadOnlyList<ReceivedEmail> ToUnverified, IReadOnlyList<ReceivedEmail> ToOptedOut,
    IReadOnlyList<DateTimeOffset> EnglishAndAmharicSentAt, IReadOnlyList<DateTimeOffset> AllSentAt,
    Unsubscribing Unsubscribing, CampaignView Second, IReadOnlyList<Guid> EnglishSourcesAfter, IReadOnlyList<Guid> AmharicSourcesAfter)
{
    public const string EnglishSubject = "Teff season: 10% off", AmharicSubject = "የጤፍ ወቅት፦ 10% ቅናሽ";

    public static Task<CampaignToEveryoneRun> OnAsync(NotificationsPlatform platform) => platform.ArrangedAsync(async p =>
    {
        var english = await p.CustomerAsync("en", promotions: true, verified: true);
        var amharic = await p.CustomerAsync("am", promotions: true, verified: true);
        var unverified = await p.CustomerAsync("en", promotions: true);
        var optedOut = await p.CustomerAsync("en", verified: true);

        var campaign = await p.CreateCampaignAsync(NotificationsShop.Campaign());
        var done = await Eventually.Until(() => p.GetCampaignAsync(campaign.Id), c => c.Status == "queued" && c.Messages["sent"] == c.Recipients,
            "the campaign to be sent");
        var en = await p.EmailsAsync(english.Email, 2); // the verification email, then the campaign's
        var am = await p.EmailsAsync(amharic.Email, 2);
        var toUnverified = await p.Smtp.MessagesToAsync(unverified.Email);
        var toOptedOut = await p.Smtp.MessagesToAsync(optedOut.Email);
        var sentAt = (await p.LogAsync(english.Email)).Concat(await p.LogAsync(amharic.Email))
            .Where(m => m.SourceId == campaign.Id).Select(m => m.SentAt!.Value).ToList();
        var all = await p.CampaignSentTimesAsync(campaign.Id);

        var unsubscribing = await Unsubscribing.DoAsync(p, english, en.First(e => e.Subject == EnglishSubject), amharic, am.First(e => e.Subject == AmharicSubject));

        var second = await p.CreateCampaignAsync(NotificationsShop.Campaign());
        await Eventually.Until(() => p.GetCampaignAsync(second.Id), c => c.Status == "queued" && c.Messages["sent"] == c.Recipients, "the second campaign");
        return new CampaignToEveryoneRun(english, amharic, unverified, optedOut, campaign, done, en, am, toUnverified, toOptedOut, sentAt, all,
            unsubscribing, second, (await p.LogAsync(english.Email)).Select(m => m.SourceId).ToList(),
            (await p.LogAsync(amharic.Email)).Select(m => m.SourceId).ToList());
    });
}

/// <summary>The unsubscribe links of <see cref="CampaignToEveryoneRun"/> followed without signing in, and a forged one.</summary>
public sealed record Unsubscribing(
    HttpStatusCode PageAnswer, string Page, bool PromotionsAfterPage, HttpStatusCode PostAnswer, string PostPage, bool PromotionsAfterPost,
    HttpStatusCode ConfirmAnswer, bool AmharicPromotionsAfterConfirm, HttpStatusCode ForgedAnswer)
{
    public static async Task<Unsubscribing> DoAsync(NotificationsPlatform p, Customer english, ReceivedEmail toEnglish, Customer amharic, ReceivedEmail toAmharic)
    {
        var link = UnsubscribeLink(toEnglish);
        HttpStatusCode pageAnswer, postAnswer, confirmAnswer, forgedAnswer;
        string page, postPage;
        using (var r = await p.Http.GetAsync(link))
            (pageAnswer, page) = (r.StatusCode, await r.Content.ReadAsStringAsync());
        var afterPage = await p.PromotionsOnAsync(english);
        using (var r = await p.Http.PostAsync(link, null))
            (postAnswer, postPage) = (r.StatusCode, await r.Content.ReadAsStringAsync());
        var afterPost = await p.PromotionsOnAsync(english);
        using (var r = await p.Http.GetAsync(UnsubscribeLink(toAmharic) + "&confirm=true"))
            confirmAnswer = r.StatusCode;
        var amharicAfter = await p.PromotionsOnAsync(amharic);
        var forged = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        using (var r = await p.Http.PostAsync(forged, null))
            forgedAnswer = r.StatusCode;
        return new Unsubscribing(pageAnswer, page, afterPage, postAnswer, postPage, afterPost, confirmAnswer, amharicAfter, forgedAnswer);
    }
}
