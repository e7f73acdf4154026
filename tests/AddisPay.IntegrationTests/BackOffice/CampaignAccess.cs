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

    /// <summary>Support's tries, a visitor's, and support's and a customer's calls to the campaign API, on one draft.</summary>
    public sealed record Tried(BackOfficeAccess.SupportTried Support, StaffAnswer[] Visitor, (string Call, HttpStatusCode Status)[] Api, string StatusAfter);

    public static Task<Tried> TriedAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var shop = fixture.Shop;
        var campaign = (await CampaignAdminJourney.DraftAsync(shop)).ToString();
        var pages = Pages.Select(p => p.Replace("{campaign}", campaign)).ToList();
        var support = await BackOfficeAccess.SupportTriesAsync(fixture, pages, Forms.Select(f => (f.Page.Replace("{campaign}", campaign), f.Form)));
        using var client = new StaffClient(shop.BackOffice);
        var visitor = await StaffAnswer.OfPagesAsync(client, pages);

        using var notifications = shop.Api("notifications");
        var api = new List<(string, HttpStatusCode)>();
        foreach (var (who, caller) in new[] { ("support", Tokens.For(Guid.NewGuid().ToString(), "support")), ("a customer", Tokens.Customer(Guid.NewGuid().ToString())) })
        {
            using (var list = await notifications.SendAsync(Shop.Request(HttpMethod.Get, "/api/notifications/campaigns", null, caller)))
                api.Add(($"{who} lists", list.StatusCode));
            using (var cancel = await notifications.SendAsync(Shop.Request(HttpMethod.Post, $"/api/notifications/campaigns/{campaign}/cancel", null, caller)))
                api.Add(($"{who} cancels", cancel.StatusCode));
        }
        using var results = await notifications.SendAsync(Shop.Request(HttpMethod.Get, $"/api/notifications/campaigns/{campaign}/results", null, Tokens.Admin()));
        return new Tried(support, visitor, [.. api], (await results.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!);
    });
}
