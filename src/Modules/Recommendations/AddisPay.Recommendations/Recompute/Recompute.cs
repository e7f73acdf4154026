namespace AddisPay.Recommendations.Recompute;

internal static class RecomputeEndpoint
{
    /// <summary>For operators (and tests): recompute now rather than at the next tick; waits for a run in progress elsewhere.</summary>
    public static void MapRecompute(this IEndpointRouteBuilder api) =>
        api.MapPost("/recompute", async (ModelRecompute recompute, CancellationToken ct) => Results.Ok(await recompute.RunAsync(wait: true, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("RecomputeRecommendations")
            .WithSummary("Recomputes the recommendation models now and swaps them in.")
            .Produces<RecomputeResult>();
}
