namespace AddisPay.Recommendations.GetProductRecommendations;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Recommendations.Contracts;

/// <summary>
/// Serving reads only the precomputed tables, joined with the catalogue facts so a product archived or sold out
/// since the last recompute disappears at once; lists too short after filtering are topped up from the popular
/// lists (the product's category first), which are also the whole answer for a new product.
/// </summary>
internal sealed class GetProductRecommendationsHandler(RecommendationsDatabase database) : IQueryHandler<GetProductRecommendations, RecommendationList>
{
    public async ValueTask<RecommendationList> Handle(GetProductRecommendations q, CancellationToken ct)
    {
        RecommendationLists.Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        var model = q.Kind == ProductRecommendationKind.BoughtTogether ? ModelRecompute.BoughtTogetherModel : ModelRecompute.SimilarModel;
        var items = await ServingSql.NeighboursAsync(conn, model, q.ProductId, q.Limit, ct);
        var strategy = q.Kind == ProductRecommendationKind.BoughtTogether ? RecommendationStrategies.BoughtTogether : RecommendationStrategies.Similar;
        // "Bought together" is a claim about purchases, so it is not padded; similar products are.
        if (items.Count > 0 && (q.Kind == ProductRecommendationKind.BoughtTogether || items.Count == q.Limit))
            return new RecommendationList(strategy, items);

        var category = await ServingSql.CategoryOfAsync(conn, q.ProductId, ct);
        var padded = await RecommendationLists.TopUpAsync(conn, items, q.Limit, category is null ? [""] : [category, ""], [q.ProductId], null, ct);
        return new RecommendationList(items.Count > 0 ? strategy : RecommendationStrategies.Popular, padded);
    }
}

internal static class GetProductRecommendationsEndpoints
{
    public static void MapProductRecommendations(this IEndpointRouteBuilder api)
    {
        api.MapGet("/products/{id:guid}/bought-together", async (Guid id, int? limit, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetProductRecommendations(id, ProductRecommendationKind.BoughtTogether, limit ?? 10), ct)))
            .AllowAnonymous()
            .WithName("GetBoughtTogether")
            .WithSummary("Products customers who bought this one also bought; popular products of its category when there is no such history yet.")
            .Produces<RecommendationList>()
            .ProducesValidationProblem();

        api.MapGet("/products/{id:guid}/similar", async (Guid id, int? limit, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetProductRecommendations(id, ProductRecommendationKind.Similar, limit ?? 10), ct)))
            .AllowAnonymous()
            .WithName("GetSimilarProducts")
            .WithSummary("Products viewed, carted and bought with this one, and of its category and brand.")
            .Produces<RecommendationList>()
            .ProducesValidationProblem();
    }
}
