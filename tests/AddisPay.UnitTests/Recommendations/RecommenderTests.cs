using AddisPay.Recommendations.Domain;

namespace AddisPay.UnitTests.Recommendations;

/// <summary>The scoring rules of the pure recommender, on hand-made histories (no database).</summary>
public sealed class RecommenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid[] P = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();

    private static Behaviour B(string subject, int product, BehaviourKind kind, double daysAgo = 0, int count = 1) =>
        new(subject, P[product], kind, count, Now.AddDays(-daysAgo));

    [Fact]
    public void Popularity_favours_recent_interest_and_counts_a_shopper_once_per_product()
    {
        var catalogue = new[] { new CatalogueFacts(P[0], "coffee", null, true), new CatalogueFacts(P[1], "coffee", null, true), new CatalogueFacts(P[2], "tea", null, true) };
        var model = Recommender.Compute(
        [
            // Three shoppers bought P0 ten days ago; two bought P1 today; one bot viewed P2 ten thousand times.
            B("u:a", 0, BehaviourKind.Purchase, 10), B("u:b", 0, BehaviourKind.Purchase, 10), B("u:c", 0, BehaviourKind.Purchase, 10),
            B("u:d", 1, BehaviourKind.Purchase), B("u:e", 1, BehaviourKind.Purchase), B("v:bot", 2, BehaviourKind.View, count: 10_000),
        ], catalogue, Now);

        Assert.Equal([P[1], P[0], P[2]], model.Popular[""].Select(s => s.ProductId));
        Assert.Equal([P[1], P[0]], model.Popular["coffee"].Select(s => s.ProductId));
        Assert.Equal([P[2]], model.Popular["tea"].Select(s => s.ProductId));
    }

    [Fact]
    public void Personal_lists_skip_bought_and_delisted_products_and_visitors()
    {
        var catalogue = Enumerable.Range(0, 4).Select(i => new CatalogueFacts(P[i], "coffee", null, Listed: i != 3)).ToArray();
        var model = Recommender.Compute(
        [
            B("u:a", 0, BehaviourKind.Purchase), B("u:a", 1, BehaviourKind.Purchase), B("u:a", 2, BehaviourKind.Purchase), B("u:a", 3, BehaviourKind.Purchase),
            B("u:b", 0, BehaviourKind.Purchase), B("v:c", 0, BehaviourKind.View), B("v:c", 1, BehaviourKind.View),
        ], catalogue, Now, new RecommenderOptions { IsPersonal = s => s.StartsWith("u:") });

        // u:b bought P0: P1 (also viewed with P0 by a visitor) before P2; never P0 itself nor the delisted P3.
        Assert.Equal([P[1], P[2]], model.Personal["u:b"].Select(s => s.ProductId));
        Assert.False(model.Personal.ContainsKey("u:a")); // bought everything listed
        Assert.False(model.Personal.ContainsKey("v:c"));
        Assert.DoesNotContain(model.BoughtTogether[P[0]], s => s.ProductId == P[3] || s.ProductId == P[0]);
    }

    [Fact]
    public void Similar_products_come_from_co_occurrence_then_the_same_category_and_brand()
    {
        var catalogue = new[]
        {
            new CatalogueFacts(P[0], "coffee", "Tomoca", true), new CatalogueFacts(P[1], "cups", "Jebena", true),
            new CatalogueFacts(P[2], "coffee", "Kaldis", true), new CatalogueFacts(P[3], "coffee", "Tomoca", true),
            new CatalogueFacts(P[4], "tea", "Tomoca", true),
        };
        var model = Recommender.Compute(
        [
            B("v:a", 0, BehaviourKind.View), B("v:a", 1, BehaviourKind.View), B("v:b", 0, BehaviourKind.Cart), B("v:b", 1, BehaviourKind.Cart),
            B("v:c", 2, BehaviourKind.View), B("v:d", 3, BehaviourKind.View), B("v:e", 4, BehaviourKind.View),
        ], catalogue, Now);

        // P1 was looked at with P0; P3 shares P0's category and brand, P2 only its category; P4 (another category) is no relative.
        Assert.Equal([P[1], P[3], P[2]], model.Similar[P[0]].Select(s => s.ProductId));
        Assert.False(model.BoughtTogether.ContainsKey(P[0]));
    }

    [Fact]
    public void A_good_rating_counts_between_a_cart_addition_and_a_purchase()
    {
        var catalogue = Enumerable.Range(0, 3).Select(i => new CatalogueFacts(P[i], "coffee", null, true)).ToArray();
        var model = Recommender.Compute([B("u:a", 0, BehaviourKind.Purchase), B("u:b", 1, BehaviourKind.Liked), B("u:c", 2, BehaviourKind.Cart)], catalogue, Now);

        Assert.Equal([P[0], P[1], P[2]], model.Popular[""].Select(s => s.ProductId));
        Assert.Equal(4, model.Popular[""][1].Score, 6);
    }

    [Fact]
    public void A_bad_rating_withholds_the_product_and_its_close_neighbours_from_that_shoppers_list_only()
    {
        var catalogue = Enumerable.Range(0, 6).Select(i => new CatalogueFacts(P[i], "coffee", null, true)).ToArray();
        Behaviour[] history =
        [
            // P0 goes with P1, P2 with P3 (each bought together twice); P4 is viewed by a stranger only.
            B("u:a", 0, BehaviourKind.Purchase), B("u:a", 1, BehaviourKind.Purchase), B("u:b", 0, BehaviourKind.Purchase), B("u:b", 1, BehaviourKind.Purchase),
            B("u:c", 2, BehaviourKind.Purchase), B("u:c", 3, BehaviourKind.Purchase), B("u:d", 2, BehaviourKind.Purchase), B("u:d", 3, BehaviourKind.Purchase),
            B("v:e", 4, BehaviourKind.View),
            // u:x bought P0 and P2, then disliked P2; u:y bought P2 and liked it (a rating of P5 nobody bought).
            B("u:x", 0, BehaviourKind.Purchase), B("u:x", 2, BehaviourKind.Purchase), B("u:y", 2, BehaviourKind.Purchase), B("u:z", 5, BehaviourKind.Disliked),
        ];
        var without = Recommender.Compute(history.Where(b => b.Kind != BehaviourKind.Disliked), catalogue, Now);
        Assert.Contains(P[3], without.Personal["u:x"].Select(s => s.ProductId)); // the control: P3 came through P2

        var model = Recommender.Compute([.. history, B("u:x", 2, BehaviourKind.Disliked)], catalogue, Now);
        var forX = model.Personal["u:x"].Select(s => s.ProductId).ToList();
        Assert.Contains(P[1], forX);
        Assert.DoesNotContain(P[3], forX);
        Assert.Equal([P[2], P[3]], model.Withheld["u:x"].OrderBy(p => Array.IndexOf(P, p)));
        // Only u:x's list: u:y, who also bought P2, is still offered P3; the dislike adds no interest anywhere.
        Assert.Contains(P[3], model.Personal["u:y"].Select(s => s.ProductId));
        Assert.DoesNotContain(P[5], model.Popular[""].Select(s => s.ProductId));
        Assert.Equal(without.Popular[""], model.Popular[""]);
        Assert.Equal(without.BoughtTogether[P[2]], model.BoughtTogether[P[2]]);
    }
}
