using AddisPay.Reviews.Domain;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A product's public review listing (GET /api/reviews/products/{id}): its sort orders and pages.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class ListReviewsTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    /// <summary>
    /// Five reviews written in the order 3, 5, 1, 4 and 2 stars; the 1-star review has two helpful votes, the 4-star one one.
    /// </summary>
    private async Task<(Guid Product, List<ReviewView> Written)> FiveReviewsAsync()
    {
        var product = await _shop.NewProductAsync();
        var authors = Enumerable.Range(0, 5).Select(_ => Customer.New()).ToList();
        var written = new List<ReviewView>();
        foreach (var (author, rating) in authors.Zip([3, 5, 1, 4, 2])) written.Add(await _shop.WriteAsync(product, author, rating));
        foreach (var voter in authors.Take(2)) await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/{written[2].Id}/helpful", voter.Token, HttpStatusCode.OK);
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/{written[3].Id}/helpful", authors[0].Token, HttpStatusCode.OK);
        return (product, written);
    }

    private async Task<int[]> RatingsAsync(Guid product, string query) => (await _shop.ListAsync(product, query)).Items.Select(r => r.Rating).ToArray();

    [Fact]
    public async Task The_listing_sorts_by_newest_first()
    {
        var (product, _) = await FiveReviewsAsync();
        Assert.Equal(new[] { 2, 4, 1, 5, 3 }, await RatingsAsync(product, "sort=newest"));
    }

    [Fact]
    public async Task The_listing_sorts_by_highest_rating()
    {
        var (product, _) = await FiveReviewsAsync();
        Assert.Equal(new[] { 5, 4, 3, 2, 1 }, await RatingsAsync(product, "sort=highest"));
    }

    [Fact]
    public async Task The_listing_sorts_by_lowest_rating()
    {
        var (product, _) = await FiveReviewsAsync();
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, await RatingsAsync(product, "sort=lowest"));
    }

    [Fact]
    public async Task The_listing_sorts_by_most_helpful_votes()
    {
        var (product, _) = await FiveReviewsAsync();
        Assert.Equal(new[] { 1, 4 }, (await RatingsAsync(product, "sort=most_helpful"))[..2]);
    }

    [Fact]
    public async Task The_listings_pages_hold_every_review_exactly_once()
    {
        var (product, written) = await FiveReviewsAsync();
        var pages = new List<ReviewView>();
        for (var page = 1; page <= 3; page++)
        {
            var p = await _shop.ListAsync(product, $"sort=most_helpful&pageSize=2&page={page}");
            Assert.Equal(5, p.Total);
            Assert.Equal(page < 3 ? 2 : 1, p.Items.Count);
            pages.AddRange(p.Items);
        }
        Assert.Equal(written.Select(r => r.Id).Order(), pages.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task An_unknown_sort_is_a_400() =>
        await _shop.ExpectAsync(HttpMethod.Get, $"/api/reviews/products/{await _shop.NewProductAsync()}?sort=best", null, HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_page_size_above_the_limit_is_a_400() =>
        await _shop.ExpectAsync(HttpMethod.Get, $"/api/reviews/products/{await _shop.NewProductAsync()}?pageSize=500", null, HttpStatusCode.BadRequest);
}
