namespace AddisPay.IntegrationTests.Products;

/// <summary>A SKU's stock and its ledger through the admin API (GET /api/products/inventory/{sku}).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class GetStockTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task The_ledger_lists_the_initial_stock_each_hold_the_sale_and_the_release_once_each_sent_twice() =>
        Assert.Equal(["initial_stock", "reserved", "reserved", "sold", "released"], (await SoldAndReleased.ArrangedAsync(platform)).ReasonsOldestFirst);
}
