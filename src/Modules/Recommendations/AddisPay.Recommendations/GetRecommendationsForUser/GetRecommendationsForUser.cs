using System.Security.Claims;

namespace AddisPay.Recommendations.GetRecommendationsForUser;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Recommendations.Contracts;

/// <summary>The customer's precomputed list, topped up from the popular lists when short (the whole answer for a new customer).</summary>
internal sealed class GetRecommendationsForUserHandler(RecommendationsDatabase database) : IQueryHandler<GetRecommendationsForUser, RecommendationList>
{
    public async ValueTask<RecommendationList> Handle(GetRecommendationsForUser q, CancellationToken ct)
    {
        RecommendationLists.Validate(q.Limit);
        await using var conn = await database.OpenAsync(ct);
        var subject = Interactions.OfUser(q.UserId);
        var items = await ServingSql.PersonalAsync(conn, q.UserId, subject, q.Limit, ct);
        if (items.Count == q.Limit) return new RecommendationList(RecommendationStrategies.Personal, items);
        var padded = await RecommendationLists.TopUpAsync(conn, items, q.Limit, [""], [], subject, ct);
        return new RecommendationList(items.Count > 0 ? RecommendationStrategies.Personal : RecommendationStrategies.Popular, padded);
    }
}

internal static class GetRecommendationsForUserEndpoint
{
    public static void MapRecommendationsForMe(this IEndpointRouteBuilder api) =>
        api.MapGet("/for-me", async (int? limit, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                user.UserId() is { } id
                    ? Results.Ok(await sender.Send(new GetRecommendationsForUser(id, limit ?? 10), ct))
                    : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "Sign in as a customer to get personal recommendations."))
            .WithName("GetRecommendationsForMe")
            .WithSummary("Products for the signed-in customer from their views, carts, purchases and ratings; never what they already bought or rated 1–2 stars, nor its close relatives.")
            .Produces<RecommendationList>()
            .ProducesValidationProblem();
}
