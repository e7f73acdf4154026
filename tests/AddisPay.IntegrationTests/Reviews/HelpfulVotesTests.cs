using AddisPay.Reviews.Domain;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>Shoppers mark a review helpful and take it back (POST and DELETE /api/reviews/{id}/helpful).</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class HelpfulVotesTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private static string Url(Guid reviewId) => $"/api/reviews/{reviewId}/helpful";

    private async Task<int> VoteAsync(ReviewView review, Customer who, HttpMethod method)
    {
        using var r = await _shop.SendAsync(method, Url(review.Id), who.Token);
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("helpfulCount").GetInt32();
    }

    [Fact]
    public async Task A_shopper_cannot_vote_for_their_own_review()
    {
        var author = Customer.New();
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), author);
        await _shop.ExpectAsync(HttpMethod.Post, Url(review.Id), author.Token, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_anonymous_vote_is_a_401()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        await _shop.ExpectAsync(HttpMethod.Post, Url(review.Id), null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_helpful_vote_counts_once_per_shopper()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        var (voter, other) = (Customer.New(), Customer.New());

        Assert.Equal(1, await VoteAsync(review, voter, HttpMethod.Post));
        Assert.Equal(1, await VoteAsync(review, voter, HttpMethod.Post)); // a repeat changes nothing
        Assert.Equal(2, await VoteAsync(review, other, HttpMethod.Post));
    }

    [Fact]
    public async Task A_helpful_vote_can_be_taken_back_once()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        var (voter, other) = (Customer.New(), Customer.New());
        await VoteAsync(review, voter, HttpMethod.Post);
        await VoteAsync(review, other, HttpMethod.Post);

        Assert.Equal(1, await VoteAsync(review, voter, HttpMethod.Delete));
        Assert.Equal(1, await VoteAsync(review, voter, HttpMethod.Delete)); // nothing left to take back
    }

    [Fact]
    public async Task The_listing_shows_the_helpful_count_left_after_a_vote_is_taken_back()
    {
        var product = await _shop.NewProductAsync();
        var review = await _shop.WriteAsync(product, Customer.New());
        var (voter, other) = (Customer.New(), Customer.New());
        await VoteAsync(review, voter, HttpMethod.Post);
        await VoteAsync(review, other, HttpMethod.Post);
        await VoteAsync(review, voter, HttpMethod.Delete);

        Assert.Equal(1, Assert.Single((await _shop.ListAsync(product)).Items).HelpfulCount);
    }

    [Fact]
    public async Task A_vote_for_an_unknown_review_is_a_404() =>
        await _shop.ExpectAsync(HttpMethod.Post, Url(Guid.NewGuid()), Customer.New().Token, HttpStatusCode.NotFound);

    [Fact]
    public async Task A_vote_for_a_hidden_review_is_a_404()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New(), rating: 1);
        await _shop.ExpectAsync(HttpMethod.Post, $"/api/reviews/moderation/{review.Id}/hide", Tokens.Admin(), HttpStatusCode.OK);

        await _shop.ExpectAsync(HttpMethod.Post, Url(review.Id), Customer.New().Token, HttpStatusCode.NotFound);
    }
}
