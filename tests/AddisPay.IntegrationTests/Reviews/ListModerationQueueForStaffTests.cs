using AddisPay.Reviews.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>The back office's moderation queue through Reviews' Contracts (<see cref="ListModerationQueue"/>).</summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class ListModerationQueueForStaffTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    [Fact]
    public async Task The_hidden_queue_shows_the_reason_a_moderator_gave()
    {
        var review = await _shop.WriteAsync(await _shop.NewProductAsync(), Customer.New());
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        await sender.Send(new ModerateReview(review.Id, ModerationDecisions.Hide, "staff:moderator", "  Names a farmer as a thief  "));

        var queue = await sender.Send(new ListModerationQueue(ModerationQueues.Hidden, 1, 100));
        Assert.Equal("Names a farmer as a thief", queue.Items.Single(r => r.ReviewId == review.Id).HiddenReason);
    }
}
