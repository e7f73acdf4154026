using AddisPay.Reviews.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>The back office hides and restores a review through Reviews' Contracts (<see cref="ModerateReview"/>).</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class ModerateReviewForStaffTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task A_review_a_moderator_hid_keeps_the_reason_given_trimmed()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var hidden = await sender.Send(new ModerateReview(review.Id, ModerationDecisions.Hide, "staff:moderator", "  Names a farmer as a thief  "));

        Assert.Equal(("hidden", "Names a farmer as a thief"), (hidden.Status, hidden.HiddenReason));
    }

    [Fact]
    public async Task A_restored_review_loses_the_reason_it_was_hidden_for()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new ModerateReview(review.Id, ModerationDecisions.Hide, "staff:moderator", "Names a farmer as a thief"));

        Assert.Null((await sender.Send(new ModerateReview(review.Id, ModerationDecisions.Restore, "staff:moderator"))).HiddenReason);
    }
}
