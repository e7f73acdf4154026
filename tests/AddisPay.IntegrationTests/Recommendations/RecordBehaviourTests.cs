using AddisPay.Recommendations.Domain;
using static AddisPay.IntegrationTests.Recommendations.RecommendationsShop;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>
/// Behaviour recorded from the other modules' events (RecordBehaviour): cart additions (CartItemAdded from a real
/// add-to-cart), a visitor's history becoming theirs at sign-in (UserSignedIn), ratings (ProductRated from real reviews).
/// </summary>
[Collection(RecommendationsPlatform.Collection)]
public sealed class RecordBehaviourTests(RecommendationsPlatform platform)
{
    [Fact]
    public async Task Each_cart_addition_is_recorded_as_the_carts_behaviour() =>
        Assert.Equal(2, (await CartAdditionsAsync(platform)).CartInteractions);

    [Fact]
    public async Task A_refused_cart_addition_records_nothing()
    {
        // Events are delivered in order: the refused addition, earlier, published nothing.
        Assert.Equal(0, (await CartAdditionsAsync(platform)).ScarceInteractions);
    }

    [Fact]
    public async Task Each_accepted_cart_addition_is_one_CartItemAdded_in_the_event_log() =>
        Assert.Equal(2, (await CartAdditionsAsync(platform)).CartItemAddedEvents);

    [Fact]
    public async Task A_visitors_cart_behaviour_becomes_the_customers_when_they_sign_in() =>
        Assert.Equal(2, (await CartAdditionsAsync(platform)).CustomerInteractions);

    [Fact]
    public async Task A_visitors_cart_behaviour_leaves_the_cart_when_they_sign_in() =>
        Assert.Equal(0, (await CartAdditionsAsync(platform)).CartInteractionsAfterSignIn);

    [Fact]
    public async Task A_one_star_review_is_recorded_as_a_dislike() =>
        Assert.Equal((short)BehaviourKind.Disliked, (await OneStarReviewAsync(platform)).DislikeSignal);

    [Fact]
    public async Task Deleting_a_review_withdraws_its_rating() =>
        Assert.Equal(0, (await OneStarReviewAsync(platform)).SignalAfterDeletion);

    [Fact]
    public async Task A_five_star_review_is_recorded_as_a_like() =>
        Assert.Equal((short)BehaviourKind.Liked, (await OneStarReviewAsync(platform)).LikeSignal);
}
