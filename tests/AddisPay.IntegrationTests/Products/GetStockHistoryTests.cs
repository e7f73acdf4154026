namespace AddisPay.IntegrationTests.Products;

/// <summary>A SKU's stock and ledger as the back office pages through it (GetStockHistory over the pod-to-pod endpoint).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class GetStockHistoryTests(CatalogueAndCartPlatform platform)
{
    /// <summary>The first 50 movements of <paramref name="sku"/> and its stock.</summary>
    public static Task<JsonElement> HistoryAsync(ProductShop shop, string sku) => shop.OkAsync("GetStockHistory", new { sku, page = 1, pageSize = 50 });

    [Fact]
    public async Task An_unknown_SKU_has_no_history() =>
        Assert.Equal(JsonValueKind.Null, (await HistoryAsync(new ProductShop(platform), "NO-SUCH-SKU-" + Guid.NewGuid().ToString("N")[..6])).ValueKind);
}
