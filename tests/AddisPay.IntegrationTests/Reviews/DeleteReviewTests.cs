using AddisPay.Reviews.GetRatingSummary;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>The author deletes their review (DELETE /api/reviews/{id}).</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class DeleteReviewTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    /// <summary>A product with reviews of 2, 5 and 4 stars, the 2-star one by the returned author, deleted.</summary>
    private async Task<(Guid Product, Customer Author, Guid Deleted)> DeletedOfThreeAsync()
    {
        var product = await _shop.NewProductAsync();
        var abebe = Customer.New();
        var first = await _shop.WriteAsync(product, abebe, rating: 2);
        await _shop.WriteAsync(product, Customer.New(), rating: 5);
        await _shop.WriteAsync(product, Customer.New(), rating: 4);
        await _shop.ExpectAsync(HttpMethod.Delete, $"/api/reviews/{first.Id}", abebe.Token, HttpStatusCode.NoContent);
        return (product, abebe, first.Id);
    }

    [Fact]
    public async Task A_deleted_review_leaves_the_summary()
    {
        var (product, _, _) = await DeletedOfThreeAsync();
        Assert.Equal(new RatingSummary(product, 4.5m, 2, Stars(four: 1, five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task A_deleted_review_is_a_404()
    {
        var (_, _, deleted) = await DeletedOfThreeAsync();
        await _shop.ExpectAsync(HttpMethod.Get, $"/api/reviews/{deleted}", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_author_of_a_deleted_review_may_write_a_new_one()
    {
        var (product, author, _) = await DeletedOfThreeAsync();
        await _shop.WriteAsync(product, author, rating: 1);
    }

    [Fact]
    public async Task Another_customers_delete_is_a_404_and_leaves_the_review_in_place()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New(), rating: 2);

        await _shop.ExpectAsync(HttpMethod.Delete, $"/api/reviews/{review.Id}", Customer.New().Token, HttpStatusCode.NotFound);
        await _shop.ExpectAsync(HttpMethod.Get, $"/api/reviews/{review.Id}", null, HttpStatusCode.OK);
    }
}
