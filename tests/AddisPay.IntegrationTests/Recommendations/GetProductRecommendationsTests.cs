using AddisPay.Recommendations.Contracts;
using static AddisPay.IntegrationTests.Recommendations.RecommendationsShop;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>A product's lists (GET /api/recommendations/products/{id}/bought-together and /similar), served from the recomputed models.</summary>
[Collection(RecommendationsPlatform.Collection)]
public sealed class GetProductRecommendationsTests(RecommendationsPlatform platform)
{
    private readonly RecommendationsShop _shop = new(platform);

    [Fact]
    public async Task Products_bought_with_a_product_are_offered_with_it_the_most_often_bought_together_first()
    {
        // A was bought by 5, B by 3 (3 with A), C by 2 (2 with A): B scores 3/√15, C 2/√10; D was only viewed.
        var history = await PurchaseHistoryAsync(platform);
        var together = await _shop.GetAsync($"/api/recommendations/products/{history.A}/bought-together");
        Assert.Equal(RecommendationStrategies.BoughtTogether, together.Strategy);
        Assert.Equal([history.B, history.C], Ids(together));
    }

    [Fact]
    public async Task A_products_bought_together_list_holds_every_product_on_sale_bought_with_it()
    {
        var withdrawn = await WithdrawnProductsAsync(platform);
        Assert.Equal([withdrawn.Q, withdrawn.R, withdrawn.S], withdrawn.Before.Order());
    }

    [Fact]
    public async Task Archived_and_sold_out_products_leave_a_served_list_without_a_recompute()
    {
        var withdrawn = await WithdrawnProductsAsync(platform);
        Assert.Equal([withdrawn.S], withdrawn.Withdrawn);
    }

    [Fact]
    public async Task A_recomputed_bought_together_list_never_holds_the_product_itself_or_archived_or_sold_out_products()
    {
        var withdrawn = await WithdrawnProductsAsync(platform);
        Assert.DoesNotContain(withdrawn.P, withdrawn.RecomputedBoughtTogether);
        Assert.DoesNotContain(withdrawn.Q, withdrawn.RecomputedBoughtTogether);
        Assert.DoesNotContain(withdrawn.R, withdrawn.RecomputedBoughtTogether);
    }

    [Fact]
    public async Task A_recomputed_similar_list_never_holds_the_product_itself_or_archived_or_sold_out_products()
    {
        var withdrawn = await WithdrawnProductsAsync(platform);
        Assert.DoesNotContain(withdrawn.P, withdrawn.RecomputedSimilar);
        Assert.DoesNotContain(withdrawn.Q, withdrawn.RecomputedSimilar);
        Assert.DoesNotContain(withdrawn.R, withdrawn.RecomputedSimilar);
    }

    [Fact]
    public async Task A_product_back_in_stock_returns_to_the_list_without_a_recompute()
    {
        var withdrawn = await WithdrawnProductsAsync(platform);
        Assert.Contains(withdrawn.R, withdrawn.Restocked);
    }

    [Fact]
    public async Task A_product_nobody_bought_is_offered_its_categorys_most_popular_products_never_itself()
    {
        var viewed = await ViewedOnlyAsync(platform);
        var together = await _shop.GetAsync($"/api/recommendations/products/{viewed.Fresh}/bought-together?limit=2");
        Assert.Equal(RecommendationStrategies.Popular, together.Strategy);
        Assert.Equal([viewed.Hit, viewed.Second], Ids(together));
    }

    [Fact]
    public async Task Products_added_to_carts_together_are_offered_as_similar()
    {
        var additions = await CartAdditionsAsync(platform);
        Assert.Equal(RecommendationStrategies.Similar, additions.Similar.Strategy);
        Assert.Equal(additions.Jebena, additions.Similar.Items[0].ProductId);
    }

    [Fact]
    public async Task A_limit_of_zero_is_a_400_naming_the_limit()
    {
        using var limit = await _shop.Http.GetAsync($"/api/recommendations/products/{Guid.NewGuid()}/similar?limit=0");
        Assert.Contains("limit", await ProblemFieldsAsync(limit));
    }
}
