namespace AddisPay.Recommendations.GetPopularProducts;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Recommendations.Contracts;

internal sealed class GetPopularProductsHandler(RecommendationsDatabase database) : IQueryHandler<GetPopularProducts, RecommendationList>
{
    public async ValueTask<RecommendationList> Handle(GetPopularProducts q, CancellationToken ct)
    {
        RecommendationLists.Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        return new RecommendationList(RecommendationStrategies.Popular,
            await RecommendationLists.TopUpAsync(conn, [], q.Limit, string.IsNullOrEmpty(q.Category) ? [""] : [q.Category], [], null, ct));
    }
}

internal static class GetPopularProductsEndpoint
{
    public static void MapPopularProducts(this IEndpointRouteBuilder api) =>
        api.MapGet("/popular", async (string? category, int? limit, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetPopularProducts(category, limit ?? 10), ct)))
            .AllowAnonymous()
            .WithName("GetPopularProducts")
            .WithSummary("Trending products (recent interest weighs more), in the whole shop or one category.")
            .Produces<RecommendationList>()
            .ProducesValidationProblem();
}
