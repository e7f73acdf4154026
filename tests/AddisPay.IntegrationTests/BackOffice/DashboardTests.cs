using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>The dashboard (Components/Pages/Dashboard.razor) shows support no way into what its role may not open (from the tries made once for the pages' classes).</summary>
[Collection(nameof(ShopBrowser))]
public sealed class DashboardTests(AllInOneShop fixture)
{
    // The dashboard shows support the low-stock figure but no way into the list.
    [Fact]
    public async Task The_dashboard_shows_support_no_way_into_the_inventory() =>
        Assert.DoesNotContain("/admin/inventory", (await BackOfficeAccess.SupportTriesStockAsync(fixture)).Tried.Dashboard);

    [Fact]
    public async Task The_dashboard_shows_support_no_way_to_the_coupons() =>
        Assert.DoesNotContain("/admin/coupons", (await BackOfficeAccess.SupportTriesAsync(fixture, [], [])).Dashboard);

    [Fact]
    public async Task The_dashboard_shows_support_no_way_to_the_campaigns() =>
        Assert.DoesNotContain("/admin/campaigns", (await CampaignAccess.TriedAsync(fixture)).Support.Dashboard);
}
