using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>Campaigns are for admins: support and customers reach neither the pages, nor their forms, nor the API behind them.</summary>
public static class CampaignAccess
{
    public static readonly string[] Pages = ["/admin/campaigns", "/admin/campaigns/new", "/admin/campaigns/{campaign}"];

    public static readonly (string Page, string Form)[] Forms =
    [
        ("/admin/campaigns/new", "campaign-new"), ("/admin/campaigns/{campaign}", "campaign-edit"), ("/admin/campaigns/{campaign}", "campaign-send-now"),
        ("/admin/campaigns/{campaign}", "campaign-schedule"), ("/admin/campaigns/{campaign}", "campaign-cancel")
    ];

    public static async Task SupportAndCustomersAreRefusedCampaignsAsync(Uri backOffice, StorefrontShop shop)
    {
        var campaign = (await CampaignAdminJourney.DraftAsync(shop)).ToString();
        using (var support = new StaffClient(backOffice))
        {
            using (var signedIn = await support.SignInAsync(await BackOfficeOrders.SupportAgentAsync(shop), Accounts.Password))
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            foreach (var page in Pages.Select(p => p.Replace("{campaign}", campaign)))
            {
                using var shown = await support.GetAsync(page);
                Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
                Assert.StartsWith("/admin/denied", shown.Headers.Location?.PathAndQuery);
            }
            foreach (var (page, form) in Forms)
            {
                using var posted = await support.SendRawFormAsync(page.Replace("{campaign}", campaign), form);
                Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
                Assert.StartsWith("/admin/denied", posted.Headers.Location?.PathAndQuery);
            }
            using var dashboard = await support.GetAsync("/admin");
            Assert.DoesNotContain("/admin/campaigns", await dashboard.Content.ReadAsStringAsync());
        }
        using (var visitor = new StaffClient(backOffice))
            foreach (var page in Pages.Select(p => p.Replace("{campaign}", campaign)))
            {
                using var shown = await visitor.GetAsync(page);
                Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
                Assert.StartsWith("/admin/sign-in", shown.Headers.Location?.PathAndQuery);
            }

        using var notifications = shop.Api("notifications");
        foreach (var caller in new[] { Tokens.For(Guid.NewGuid().ToString(), "support"), Tokens.Customer(Guid.NewGuid().ToString()) })
        {
            using (var list = await notifications.SendAsync(Shop.Request(HttpMethod.Get, "/api/notifications/campaigns", null, caller)))
                Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            using (var cancel = await notifications.SendAsync(Shop.Request(HttpMethod.Post, $"/api/notifications/campaigns/{campaign}/cancel", null, caller)))
                Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        }
        using var results = await notifications.SendAsync(Shop.Request(HttpMethod.Get, $"/api/notifications/campaigns/{campaign}/results", null, Tokens.Admin()));
        Assert.Equal("draft", (await results.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}
