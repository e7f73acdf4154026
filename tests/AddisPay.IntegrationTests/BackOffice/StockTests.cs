using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The stock pages (Components/Pages/Stock/) over plain HTTP: the adjustment form posted twice with its one key (a double
/// click, a resent form), once; support's posts to it change nothing; restocking in the browser runs in the stock journey (BackOfficeJourneyTests).
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class StockTests(AllInOneShop fixture)
{
    private sealed record TwiceSubmitted(string Sku, HttpStatusCode FirstStatus, string First, HttpStatusCode SecondStatus, string Second, int OnHand, string Audit);

    private Task<TwiceSubmitted> SubmittedTwiceAsync() => fixture.Arranged.OnceAsync(async () =>
    {
        var shop = fixture.Shop;
        var sku = await StockAdminJourney.NewSkuAsync(shop, stock: 4);
        using var admin = await PeopleAccess.SignedInAsync(shop.BackOffice, BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword);
        var fields = new Dictionary<string, string> { ["key"] = Guid.NewGuid().ToString("N"), ["mode"] = "delta", ["quantity"] = "6", ["reason"] = "restock" };
        using var first = await admin.PostFormAsync($"/admin/inventory/{sku}", "stock-adjust", fields);
        using var second = await admin.PostFormAsync($"/admin/inventory/{sku}", "stock-adjust", fields);
        using var audit = await admin.GetAsync("/admin/audit?action=stock.adjusted&staff=" + Uri.EscapeDataString(BackOfficeOrders.DemoAdmin));
        return new TwiceSubmitted(sku, first.StatusCode, WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync()),
            second.StatusCode, WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), await StockAdminJourney.OnHandAsync(shop, sku),
            WebUtility.HtmlDecode(await audit.Content.ReadAsStringAsync()));
    });

    [Fact]
    public async Task A_stock_adjustment_form_submitted_twice_adjusts_the_stock_once()
    {
        var run = await SubmittedTwiceAsync();
        Assert.Equal(HttpStatusCode.OK, run.FirstStatus);
        Assert.Contains($"Stock of {run.Sku} adjusted: on hand 4 → 10.", run.First);
        Assert.Equal(HttpStatusCode.OK, run.SecondStatus);
        Assert.Contains("This adjustment was already made", run.Second);
        Assert.Equal(10, run.OnHand);
    }

    [Fact]
    public async Task A_SKU_whose_stock_support_tried_to_adjust_keeps_its_stock() =>
        Assert.Equal(2, (await BackOfficeAccess.SupportTriesStockAsync(fixture)).OnHandAfter);

    [Fact]
    public async Task A_stock_adjustment_form_submitted_twice_is_audited_once()
    {
        var run = await SubmittedTwiceAsync();
        Assert.Equal(1, run.Audit.Split("sku:" + run.Sku).Length - 1);
    }
}
