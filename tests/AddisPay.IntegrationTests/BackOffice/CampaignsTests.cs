using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The campaign pages (Components/Pages/Campaigns/) are for admins: support, customers and visitors reach neither the pages,
/// nor their forms, nor the API behind them, tried once on one draft (<see cref="CampaignAccess"/>); an admin's campaign
/// runs in the campaign journey (BackOfficeJourneyTests).
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class CampaignsTests(AllInOneShop fixture)
{
    [Fact]
    public async Task Support_is_sent_from_every_campaign_page_to_the_denied_page() =>
        StaffAnswer.AllSentTo((await CampaignAccess.TriedAsync(fixture)).Support.Pages, "/admin/denied");

    [Fact]
    public async Task Supports_posts_to_the_campaign_forms_are_sent_to_the_denied_page() =>
        StaffAnswer.AllSentTo((await CampaignAccess.TriedAsync(fixture)).Support.Posts, "/admin/denied");

    [Fact]
    public async Task Every_campaign_page_sends_a_visitor_to_the_staff_sign_in() =>
        StaffAnswer.AllSentTo((await CampaignAccess.TriedAsync(fixture)).Visitor, "/admin/sign-in");

    [Fact]
    public async Task Support_and_customers_are_refused_listing_and_cancelling_campaigns_through_the_API() =>
        Assert.All((await CampaignAccess.TriedAsync(fixture)).Api, call => Assert.Equal((call.Call, HttpStatusCode.Forbidden), call));

    [Fact]
    public async Task A_campaign_support_and_customers_tried_to_cancel_is_still_a_draft() =>
        Assert.Equal("draft", (await CampaignAccess.TriedAsync(fixture)).StatusAfter);
}
