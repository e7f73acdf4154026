using AddisPay.Reviews.Domain;
using AddisPay.Reviews.GetRatingSummary;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>Staff hide and restore a review over the API (POST /api/reviews/moderation/{id}/hide and /restore).</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class ModerateReviewTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private Task ModerateAsync(Guid reviewId, string decision) =>
        _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{reviewId}/{decision}", Tokens.Admin(), HttpStatusCode.OK);

    /// <summary>A 1-star review (returned) and a fan's 5-star review of a new product; staff hid the 1-star one.</summary>
    private async Task<(Guid Product, Customer Author, ReviewView Review)> HiddenReviewAsync()
    {
        var product = await _shop.NewProductAsync();
        var author = Customer.New();
        var review = await _shop.WriteAsync(product, author, rating: 1);
        await _shop.WriteAsync(product, Customer.New(), rating: 5);
        await ModerateAsync(review.Id, "hide");
        return (product, author, review);
    }

    [Fact]
    public async Task A_shopper_cannot_restore_a_review()
    {
        var (_, _, review) = await _shop.ReviewHiddenByReportsAsync();
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/restore", Customer.New().Token, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Restoring_a_review_hidden_by_reports_counts_it_in_the_summary_again()
    {
        var (product, _, review) = await _shop.ReviewHiddenByReportsAsync();
        await ModerateAsync(review.Id, "restore");
        Assert.Equal(new RatingSummary(product, 3m, 2, Stars(one: 1, five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task Restoring_a_review_hidden_by_reports_lists_it_again()
    {
        var (product, _, review) = await _shop.ReviewHiddenByReportsAsync();
        await ModerateAsync(review.Id, "restore");
        Assert.Equal(2, (await _shop.ListAsync(product)).Total);
    }

    [Fact]
    public async Task Hiding_a_review_takes_it_out_of_the_listing()
    {
        var (product, _, _) = await HiddenReviewAsync();
        Assert.Equal(new[] { 5 }, (await _shop.ListAsync(product)).Items.Select(r => r.Rating));
    }

    [Fact]
    public async Task Hiding_a_review_takes_it_out_of_the_summary()
    {
        var (product, _, _) = await HiddenReviewAsync();
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task A_hidden_review_is_a_404_to_other_shoppers()
    {
        var (_, _, review) = await HiddenReviewAsync();
        await _shop.ExpectAsync(HttpMethod.Get, $"/api/reviews/{review.Id}", Customer.New().Token, HttpStatusCode.NotFound);
    }

    /// <summary>The hidden review, edited to three stars while hidden, then restored.</summary>
    private async Task<Guid> RestoredAfterAnEditAsync()
    {
        var (product, author, review) = await HiddenReviewAsync();
        await _shop.ExpectAsync(HttpMethod.Put, $"/api/reviews/{review.Id}", author.Token, HttpStatusCode.OK, Body(3));
        await ModerateAsync(review.Id, "restore");
        return product;
    }

    [Fact]
    public async Task Restoring_a_review_edited_while_hidden_counts_its_new_rating()
    {
        var product = await RestoredAfterAnEditAsync();
        Assert.Equal(new RatingSummary(product, 4m, 2, Stars(three: 1, five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task Restoring_a_review_edited_while_hidden_lists_it_with_its_new_rating()
    {
        var product = await RestoredAfterAnEditAsync();
        Assert.Equal(new[] { 5, 3 }, (await _shop.ListAsync(product, "sort=highest")).Items.Select(r => r.Rating));
    }
}
