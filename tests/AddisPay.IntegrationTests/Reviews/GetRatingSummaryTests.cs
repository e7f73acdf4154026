using AddisPay.Reviews.GetRatingSummary;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A product's rating summary (GET /api/reviews/products/{id}/summary): the average, the count and the stars.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class GetRatingSummaryTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task The_summary_averages_the_ratings_to_two_decimals_and_counts_each_star()
    {
        var product = await _shop.NewProductAsync();
        foreach (var rating in new[] { 4, 5, 4 }) await _shop.WriteAsync(product, Customer.New(), rating);
        Assert.Equal(new RatingSummary(product, 4.33m, 3, Stars(four: 2, five: 1)), await _shop.SummaryAsync(product)); // 13/3
    }
}
