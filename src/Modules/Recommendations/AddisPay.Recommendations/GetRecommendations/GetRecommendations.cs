using System.Security.Claims;
using AddisPay.Recommendations.RecordBehaviour;
using AddisPay.Recommendations.TrackView;
using AddisPay.Recommendations.Domain;
using AddisPay.Recommendations.Contracts;
using AddisPay.Recommendations.Data;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace AddisPay.Recommendations.GetRecommendations;

/// <summary>
/// Serving reads only the precomputed tables, joined with the catalogue facts so a product archived or sold out
/// since the last recompute disappears at once; lists too short after filtering are topped up from the popular
/// lists (the product's category first), which are also the whole answer for a new product or customer.
/// </summary>
internal sealed class GetRecommendationsHandler(RecommendationsDatabase database) :
    IQueryHandler<GetProductRecommendations, RecommendationList>, IQueryHandler<GetRecommendationsForUser, RecommendationList>,
    IQueryHandler<GetPopularProducts, RecommendationList>
{
    public const int MaxLimit = 50;

    public async ValueTask<RecommendationList> Handle(GetProductRecommendations q, CancellationToken ct)
    {
        Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        var model = q.Kind == ProductRecommendationKind.BoughtTogether ? ModelRecompute.BoughtTogetherModel : ModelRecompute.SimilarModel;
        var items = await ServingSql.NeighboursAsync(conn, model, q.ProductId, q.Limit, ct);
        var strategy = q.Kind == ProductRecommendationKind.BoughtTogether ? RecommendationStrategies.BoughtTogether : RecommendationStrategies.Similar;
        // "Bought together" is a claim about purchases, so it is not padded; similar products are.
        if (items.Count > 0 && (q.Kind == ProductRecommendationKind.BoughtTogether || items.Count == q.Limit))
            return new RecommendationList(strategy, items);

        var category = await ServingSql.CategoryOfAsync(conn, q.ProductId, ct);
        var padded = await TopUpAsync(conn, items, q.Limit, category is null ? [""] : [category, ""], [q.ProductId], null, ct);
        return new RecommendationList(items.Count > 0 ? strategy : RecommendationStrategies.Popular, padded);
    }

    public async ValueTask<RecommendationList> Handle(GetRecommendationsForUser q, CancellationToken ct)
    {
        Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        var subject = Interactions.OfUser(q.UserId);
        var items = await ServingSql.PersonalAsync(conn, q.UserId, subject, q.Limit, ct);
        if (items.Count == q.Limit) return new RecommendationList(RecommendationStrategies.Personal, items);
        var padded = await TopUpAsync(conn, items, q.Limit, [""], [], subject, ct);
        return new RecommendationList(items.Count > 0 ? RecommendationStrategies.Personal : RecommendationStrategies.Popular, padded);
    }

    public async ValueTask<RecommendationList> Handle(GetPopularProducts q, CancellationToken ct)
    {
        Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        return new RecommendationList(RecommendationStrategies.Popular,
            await TopUpAsync(conn, [], q.Limit, string.IsNullOrEmpty(q.Category) ? [""] : [q.Category], [], null, ct));
    }

    private static async Task<IReadOnlyList<RecommendedProduct>> TopUpAsync(NpgsqlConnection conn, IReadOnlyList<RecommendedProduct> items, int limit,
        string[] categories, Guid[] exclude, string? subject, CancellationToken ct)
    {
        var excluded = exclude.Concat(items.Select(i => i.ProductId)).ToArray();
        // What they bought or disliked (and its close neighbours) must not come back with a top-up either.
        var popular = await ServingSql.PopularAsync(conn, categories, excluded, subject, limit * categories.Length, ct);
        return items.Concat(popular.DistinctBy(p => p.ProductId)).Take(limit).ToList();
    }

    private static void Validate(int limit)
    {
        if (limit is < 1 or > MaxLimit) throw new ValidationFailedException("limit", $"Ask for 1 to {MaxLimit} products.");
    }
}

internal static class RecommendationEndpoints
{
    public static void MapRecommendations(this IEndpointRouteBuilder api)
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

        api.MapGet("/popular", async (string? category, int? limit, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetPopularProducts(category, limit ?? 10), ct)))
            .AllowAnonymous()
            .WithName("GetPopularProducts")
            .WithSummary("Trending products (recent interest weighs more), in the whole shop or one category.")
            .Produces<RecommendationList>()
            .ProducesValidationProblem();

        api.MapGet("/for-me", async (int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                user.UserId() is { } id
                    ? Results.Ok(await sender.Send(new GetRecommendationsForUser(id, limit ?? 10), ct))
                    : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Sign in as a customer to get personal recommendations."))
            .WithName("GetRecommendationsForMe")
            .WithSummary("Products for the signed-in customer from their views, carts, purchases and ratings; never what they already bought or rated 1–2 stars, nor its close relatives.")
            .Produces<RecommendationList>()
            .ProducesValidationProblem();
    }
}
