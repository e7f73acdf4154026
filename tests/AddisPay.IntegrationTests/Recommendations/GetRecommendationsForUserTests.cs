using AddisPay.Recommendations.Contracts;
using static AddisPay.IntegrationTests.Recommendations.RecommendationsShop;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>A customer's own list (GET /api/recommendations/for-me): personal once they have a history, popular before, never what they bought or disowned.</summary>
[Collection(RecommendationsPlatform.Collection)]
public sealed class GetRecommendationsForUserTests(RecommendationsPlatform platform)
{
    private readonly RecommendationsShop _shop = new(platform);

    [Fact]
    public async Task A_customer_who_bought_is_offered_what_buyers_of_the_same_products_bought_and_viewed()
    {
        var history = await PurchaseHistoryAsync(platform);
        var forMe = await _shop.GetAsync("/api/recommendations/for-me", Customer(history.U4));
        Assert.Equal(RecommendationStrategies.Personal, forMe.Strategy);
        Assert.Equal([history.B, history.C, history.D], Ids(forMe).Take(3));
    }

    [Fact]
    public async Task A_customers_list_leads_with_what_was_bought_with_everything_they_bought()
    {
        // u1 bought A and B: C (bought with both) leads.
        var history = await PurchaseHistoryAsync(platform);
        Assert.Equal(history.C, (await _shop.GetAsync("/api/recommendations/for-me", Customer(history.U1))).Items[0].ProductId);
    }

    [Fact]
    public async Task A_customers_list_never_offers_back_what_they_bought()
    {
        var history = await PurchaseHistoryAsync(platform);
        Assert.DoesNotContain(history.A, Ids(await _shop.GetAsync("/api/recommendations/for-me", Customer(history.U4))));
        var u1 = Ids(await _shop.GetAsync("/api/recommendations/for-me", Customer(history.U1)));
        Assert.DoesNotContain(history.A, u1);
        Assert.DoesNotContain(history.B, u1);
    }

    [Fact]
    public async Task A_recomputed_list_never_offers_what_the_customer_bought_even_when_bought_together_with_it()
    {
        var withdrawn = await WithdrawnProductsAsync(platform);
        Assert.NotEmpty(withdrawn.ForU3);
        Assert.DoesNotContain(withdrawn.P, withdrawn.ForU3);
        Assert.DoesNotContain(withdrawn.S, withdrawn.ForU3);
    }

    [Fact]
    public async Task A_customers_list_never_offers_archived_or_sold_out_products()
    {
        var withdrawn = await WithdrawnProductsAsync(platform);
        Assert.DoesNotContain(withdrawn.Q, withdrawn.ForU3);
        Assert.DoesNotContain(withdrawn.R, withdrawn.ForU3);
    }

    [Fact]
    public async Task A_customer_with_no_history_is_offered_the_shops_popular_list()
    {
        await ViewedOnlyAsync(platform);
        var newcomer = await _shop.GetAsync("/api/recommendations/for-me?limit=5", Customer(Guid.NewGuid()));
        var popular = await _shop.GetAsync("/api/recommendations/popular?limit=5");
        Assert.Equal(RecommendationStrategies.Popular, newcomer.Strategy);
        Assert.NotEmpty(newcomer.Items);
        Assert.Equal(Ids(popular), Ids(newcomer));
    }

    // A one-star review (RecommendationsShop.OneStarReview).

    [Fact]
    public async Task A_customer_is_offered_what_others_bought_with_each_of_their_purchases()
    {
        var story = await OneStarReviewAsync(platform);
        Assert.Equal(RecommendationStrategies.Personal, story.Before.Strategy);
        Assert.Equal([story.B, story.D], Ids(story.Before).Take(2).Order());
    }

    [Fact]
    public async Task A_one_star_review_withholds_the_product_from_the_reviewers_list()
    {
        var story = await OneStarReviewAsync(platform);
        Assert.DoesNotContain(story.C, story.Withheld);
    }

    [Fact]
    public async Task A_one_star_review_withholds_the_products_bought_with_it_from_the_reviewers_list_even_in_the_popular_top_up()
    {
        // D, bought with C by everyone who bought C, goes with it, and the popular top-up of a long list does not bring it back.
        var story = await OneStarReviewAsync(platform);
        Assert.DoesNotContain(story.D, story.Withheld);
    }

    [Fact]
    public async Task A_one_star_review_leaves_in_the_reviewers_list_what_is_tied_to_their_other_purchases()
    {
        // B is tied to A, which they did not disown.
        var story = await OneStarReviewAsync(platform);
        Assert.Contains(story.B, story.Withheld);
    }

    [Fact]
    public async Task A_one_star_review_withholds_nothing_from_other_buyers_of_the_product()
    {
        var story = await OneStarReviewAsync(platform);
        Assert.Contains(story.D, story.Stranger);
    }

    [Fact]
    public async Task Deleting_a_one_star_review_brings_back_what_it_withheld_at_the_next_recompute()
    {
        var story = await OneStarReviewAsync(platform);
        Assert.Contains(story.D, story.AfterDeletion);
    }
}
