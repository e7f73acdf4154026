using System.Security.Claims;
using AddisPay.Recommendations.Tracking;
using AddisPay.Recommendations.Contracts;
using AddisPay.Recommendations.Data;
using AddisPay.Recommendations.Recompute;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Recommendations.Serving;

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

    private const string Columns = """p."ProductId", p."Slug", p."Name", p."NameAm", p."Brand", p."Category" """;

    public async ValueTask<RecommendationList> Handle(GetProductRecommendations q, CancellationToken ct)
    {
        Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        var model = q.Kind == ProductRecommendationKind.BoughtTogether ? ModelRecompute.BoughtTogetherModel : ModelRecompute.SimilarModel;
        var items = await ReadAsync(conn, $"""
            select {Columns}, n."Score" from recommendations.item_neighbours n
              join recommendations.products p on p."ProductId" = n."NeighbourId"
             where n."Model" = @model and n."ProductId" = @id and p."Sellable" and p."ProductId" <> @id
             order by n."Rank" limit @limit
            """, ct, ("model", model), ("id", q.ProductId), ("limit", q.Limit));
        var strategy = q.Kind == ProductRecommendationKind.BoughtTogether ? RecommendationStrategies.BoughtTogether : RecommendationStrategies.Similar;
        // "Bought together" is a claim about purchases, so it is not padded; similar products are.
        if (items.Count > 0 && (q.Kind == ProductRecommendationKind.BoughtTogether || items.Count == q.Limit))
            return new RecommendationList(strategy, items);

        string? category;
        await using (var cmd = new NpgsqlCommand("""select "Category" from recommendations.products where "ProductId" = @id""", conn))
        {
            cmd.Parameters.AddWithValue("id", q.ProductId);
            category = await cmd.ExecuteScalarAsync(ct) as string;
        }
        var padded = await TopUpAsync(conn, items, q.Limit, category is null ? [""] : [category, ""], [q.ProductId], null, ct);
        return new RecommendationList(items.Count > 0 ? strategy : RecommendationStrategies.Popular, padded);
    }

    public async ValueTask<RecommendationList> Handle(GetRecommendationsForUser q, CancellationToken ct)
    {
        Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        var subject = Interactions.OfUser(q.UserId);
        var items = await ReadAsync(conn, $"""
            select {Columns}, r."Score" from recommendations.user_recommendations r
              join recommendations.products p on p."ProductId" = r."ProductId"
             where r."UserId" = @user and p."Sellable" and {NotBought}
             order by r."Rank" limit @limit
            """, ct, ("user", q.UserId), ("subject", subject), ("limit", q.Limit));
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

    // Never what they bought, nor what they rated 1–2 stars (at once, from the interaction) or what the last recompute
    // withheld with it (its close neighbours); a top-up from the popular list must not bring those back either.
    private const string NotBought = """
        not exists (select 1 from recommendations.interactions i where i."Subject" = @subject and i."ProductId" = p."ProductId" and i."Kind" in (3, 5))
        and not exists (select 1 from recommendations.withheld w where w."Subject" = @subject and w."ProductId" = p."ProductId")
        """;

    private static async Task<IReadOnlyList<RecommendedProduct>> TopUpAsync(NpgsqlConnection conn, IReadOnlyList<RecommendedProduct> items, int limit,
        string[] categories, Guid[] exclude, string? subject, CancellationToken ct)
    {
        var excluded = exclude.Concat(items.Select(i => i.ProductId)).ToArray();
        var popular = await ReadAsync(conn, $"""
            select {Columns}, pop."Score" from recommendations.popular pop
              join recommendations.products p on p."ProductId" = pop."ProductId"
             where pop."Category" = any(@categories) and p."Sellable" and p."ProductId" <> all(@exclude)
               and (@subject::text is null or {NotBought})
             order by array_position(@categories, pop."Category"), pop."Rank" limit @limit
            """, ct, ("categories", categories), ("exclude", excluded), ("subject", subject), ("limit", limit * categories.Length));
        return items.Concat(popular.DistinctBy(p => p.ProductId)).Take(limit).ToList();
    }

    private static async Task<List<RecommendedProduct>> ReadAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(value switch
            {
                string[] a => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = a },
                Guid[] g => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = g },
                null => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
                _ => new NpgsqlParameter(name, value)
            });
        var list = new List<RecommendedProduct>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new RecommendedProduct(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetDouble(6)));
        return list;
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
