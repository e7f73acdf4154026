using Mediator;

namespace AddisPay.Recommendations.Contracts;

public enum ProductRecommendationKind { BoughtTogether, Similar }

/// <summary>
/// Products to show beside a product (its page, the cart), read from the last precomputed model.
/// Never the product itself, nor archived or out-of-stock products.
/// </summary>
public sealed record GetProductRecommendations(Guid ProductId, ProductRecommendationKind Kind, int Limit = 10) : IQuery<RecommendationList>;

/// <summary>Products for a signed-in customer from their history; never what they already bought.</summary>
public sealed record GetRecommendationsForUser(Guid UserId, int Limit = 10) : IQuery<RecommendationList>;

/// <summary>Trending products (recent interest weighs more), in the whole shop or one category: what a shop shows anyone.</summary>
public sealed record GetPopularProducts(string? Category = null, int Limit = 10) : IQuery<RecommendationList>;

/// <param name="Strategy">
/// What produced the list: <c>bought-together</c>, <c>similar</c> or <c>personal</c> from behaviour,
/// or <c>popular</c> when there is no behaviour to go on yet (a new product or customer).
/// </param>
public sealed record RecommendationList(string Strategy, IReadOnlyList<RecommendedProduct> Items);

public sealed record RecommendedProduct(Guid ProductId, string Slug, string Name, string NameAm, string? Brand, string? Category, double Score);

public static class RecommendationStrategies
{
    public const string BoughtTogether = "bought-together";
    public const string Similar = "similar";
    public const string Personal = "personal";
    public const string Popular = "popular";
}
