using static AddisPay.IntegrationTests.Recommendations.RecommendationsShop;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>Popular products (GET /api/recommendations/popular), of the shop or of a category.</summary>
[Collection(RecommendationsPlatform.Collection)]
public sealed class GetPopularProductsTests(RecommendationsPlatform platform)
{
    private readonly RecommendationsShop _shop = new(platform);

    [Fact]
    public async Task A_categorys_popular_products_are_its_most_viewed_first()
    {
        var viewed = await ViewedOnlyAsync(platform);
        Assert.Equal([viewed.Hit, viewed.Second], Ids(await _shop.GetAsync($"/api/recommendations/popular?category={viewed.Category}")));
    }
}
