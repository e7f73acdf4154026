namespace AddisPay.IntegrationTests.Products;

/// <summary>The dashboard's count of SKUs low on stock (CountLowStock over the pod-to-pod endpoint).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CountLowStockHandlerTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task The_low_stock_count_is_the_total_of_the_low_stock_list()
    {
        var shop = new ProductShop(platform);
        await shop.NewSkuAsync("STF", stock: 2); // one low at least
        var all = await shop.OkAsync("SearchStock", new { search = (string?)null, lowOnly = true, page = 1, pageSize = 1 });
        var count = await shop.OkAsync("CountLowStock", new { });
        Assert.Equal(count.GetInt32(), all.GetProperty("total").GetInt32());
    }
}
