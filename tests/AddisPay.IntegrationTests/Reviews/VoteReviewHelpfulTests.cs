using AddisPay.Reviews.Contracts;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>A shop front marks a review helpful for the shopper through Reviews' Contracts (<see cref="VoteReviewHelpful"/>).</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class VoteReviewHelpfulTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private async Task<ReviewHelpfulVote> VoteAsync(VoteReviewHelpful vote)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(vote);
    }

    [Fact]
    public async Task A_shopper_cannot_vote_for_their_own_review_through_the_shop_front()
    {
        var author = Customer.New();
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), author);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await VoteAsync(new VoteReviewHelpful(author.Id, review.Id)));
    }

    [Fact]
    public async Task A_shop_fronts_helpful_vote_counts_once_per_shopper()
    {
        var product = await _shop.NewProductAsync();
        var review = await _shop.WriteAsync(product, Customer.New());
        var voter = Guid.NewGuid();

        Assert.Equal(new ReviewHelpfulVote(review.Id, product, 1), await VoteAsync(new VoteReviewHelpful(voter, review.Id)));
        Assert.Equal(1, (await VoteAsync(new VoteReviewHelpful(voter, review.Id))).HelpfulCount); // once per shopper
    }
}
