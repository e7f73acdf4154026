using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// An admin creates a campaign through the API (<c>POST /api/notifications/campaigns</c>), sent at once: who may, and what
/// is refused. Where it goes is <see cref="DispatchCampaignsTests"/>.
/// </summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class CreateCampaignTests(NotificationsPlatform platform)
{
    [Fact]
    public async Task Customers_are_refused_creating_a_campaign()
    {
        using var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Customer(Guid.NewGuid().ToString()), Campaign());
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused_creating_a_campaign()
    {
        using var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", null, Campaign());
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task A_campaign_with_a_short_subject_and_a_malformed_category_is_refused_field_by_field()
    {
        using var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(),
            new { subject = "Hi", subjectAm = "ሰላም ሰላም", body = "Fresh teff", bodyAm = "ቅናሽ ቅናሽ", categorySlug = "Not A Slug" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var problem = await r.Content.ReadAsStringAsync();
        Assert.Contains("\"subject\"", problem);
        Assert.Contains("\"categorySlug\"", problem);
    }

    [Fact]
    public async Task A_campaign_whose_body_is_a_broken_template_is_refused_naming_the_body()
    {
        using var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(), Campaign() with { Body = "{% if %}Hi" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("\"body\"", await r.Content.ReadAsStringAsync());
    }
}
