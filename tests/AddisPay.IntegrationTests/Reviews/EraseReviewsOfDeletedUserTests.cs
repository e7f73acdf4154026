using AddisPay.Reviews.GetRatingSummary;
using AddisPay.Users.Contracts;
using static AddisPay.IntegrationTests.Reviews.ReviewShop;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A deleted user (Users' <see cref="UserDeleted"/>) leaves no review and no vote behind.</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class EraseReviewsOfDeletedUserTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    /// <summary>The leaving user wrote a 1-star review and voted for the staying user's 5-star one; then the account was deleted.</summary>
    private async Task<(Guid Product, Customer Leaving, Guid Gone)> DeletedAuthorAsync()
    {
        var product = await _shop.NewProductAsync();
        var (leaving, staying) = (Customer.New(), Customer.New());
        var gone = await _shop.WriteAsync(product, leaving, rating: 1);
        var kept = await _shop.WriteAsync(product, staying, rating: 5);
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/{kept.Id}/helpful", leaving.Token, HttpStatusCode.OK);
        await _shop.PublishAsync(new UserDeleted(leaving.Id));
        await Eventually.Until(() => _shop.SummaryAsync(product), s => s.Count == 1, "the deleted user's review to leave the summary");
        return (product, leaving, gone.Id);
    }

    [Fact]
    public async Task A_deleted_users_review_leaves_the_summary()
    {
        var product = await _shop.NewProductAsync();
        var leaving = Customer.New();
        await _shop.WriteAsync(product, leaving, rating: 1);
        await _shop.WriteAsync(product, Customer.New(), rating: 5);
        Assert.Equal(2, (await _shop.SummaryAsync(product)).Count);

        await _shop.PublishAsync(new UserDeleted(leaving.Id));

        await Eventually.Until(() => _shop.SummaryAsync(product), s => s.Count == 1, "the deleted user's review to leave the summary");
        Assert.Equal(new RatingSummary(product, 5m, 1, Stars(five: 1)), await _shop.SummaryAsync(product));
    }

    [Fact]
    public async Task A_deleted_users_review_is_a_404()
    {
        var (_, _, gone) = await DeletedAuthorAsync();
        await _shop.ExpectAsync(HttpMethod.Get, $"/api/reviews/{gone}", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deleted_users_helpful_votes_no_longer_count()
    {
        var (product, _, _) = await DeletedAuthorAsync();
        Assert.Equal(0, Assert.Single((await _shop.ListAsync(product)).Items).HelpfulCount);
    }

    [Fact]
    public async Task No_review_or_vote_of_a_deleted_user_is_left_in_the_database()
    {
        var (_, leaving, _) = await DeletedAuthorAsync();
        Assert.Equal(0, await _shop.CountAsync("""
            select (select count(*) from reviews.reviews where "AuthorId" = @id) + (select count(*) from reviews.helpful_votes where "VoterId" = @id)
            """, ("id", leaving.Id)));
    }
}
