using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The category page (Components/Pages/Category.razor) kept for visitors, from the run the product page's facts share (<see cref="KeptPages"/>).</summary>
[Collection(nameof(ShopBrowser))]
public sealed class CategoryTests(AllInOneShop shop, ITestOutputHelper output)
{
    private Task<KeptPages.Run> KeptAsync() => shop.Arranged.OnceAsync(() => KeptPages.RunAsync(shop.Shop));

    [Fact]
    public async Task A_category_page_shows_its_products_prices() =>
        Assert.Contains(KeptPages.PriceBefore, (await KeptAsync()).Category.Html);

    [Fact]
    public async Task A_kept_category_page_shows_a_new_price_within_seconds()
    {
        var run = await KeptAsync();
        output.WriteLine($"category page repriced after {run.CategoryRepricedAfterMs} ms");
        Assert.True(run.CategoryRepriced is not null, $"the new price on the category page within 8 s (waited {run.CategoryRepricedAfterMs} ms)");
    }
}
