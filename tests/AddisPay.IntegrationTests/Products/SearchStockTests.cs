namespace AddisPay.IntegrationTests.Products;

/// <summary>The back office's stock list (SearchStock over the pod-to-pod endpoint): by name, low stock only.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class SearchStockTests(CatalogueAndCartPlatform platform)
{
    /// <summary>Three SKUs of one new name with 2, 5 and 6 units, and the low-stock list searched by that name.</summary>
    private sealed record LowStock(string Two, string Five, string Six, List<string> Listed);

    private Task<LowStock> LowStockAsync() => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var name = "Lowstock honey " + Guid.NewGuid().ToString("N")[..8];
        var (two, five, six) = (await shop.NewSkuAsync("STF", 2, name), await shop.NewSkuAsync("STF", 5, name), await shop.NewSkuAsync("STF", 6, name));
        var page = await shop.OkAsync("SearchStock", new { search = name, lowOnly = true, page = 1, pageSize = 50 });
        return new LowStock(two, five, six, page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()!).ToList());
    });

    [Fact]
    public async Task The_low_stock_list_holds_the_SKUs_low_on_stock_fewest_available_first()
    {
        var low = await LowStockAsync();
        Assert.Equal([low.Two, low.Five], low.Listed);
    }

    [Fact]
    public async Task A_SKU_above_the_low_mark_is_not_on_the_low_stock_list()
    {
        var low = await LowStockAsync();
        Assert.DoesNotContain(low.Six, low.Listed);
    }
}
