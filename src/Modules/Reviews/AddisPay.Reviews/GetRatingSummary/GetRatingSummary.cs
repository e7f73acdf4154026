using AddisPay.Reviews.Contracts;

namespace AddisPay.Reviews.GetRatingSummary;

public sealed record RatingSummary(Guid ProductId, decimal? Average, int Count, RatingDistribution Distribution);

internal sealed record GetRatingSummaryQuery(Guid ProductId) : IQuery<RatingSummary>;

internal sealed class GetRatingSummaryHandler(ReviewsDbContext db) : IQueryHandler<GetRatingSummaryQuery, RatingSummary>
{
    public async ValueTask<RatingSummary> Handle(GetRatingSummaryQuery q, CancellationToken ct)
    {
        var row = await db.ProductRatings.AsNoTracking().FirstOrDefaultAsync(r => r.ProductId == q.ProductId, ct);
        var d = row is null ? RatingDistribution.None : ProductRatings.Of(row);
        return new RatingSummary(q.ProductId, d.Average, d.Count, d);
    }
}

internal static class GetRatingSummaryEndpoint
{
    public static void MapGetRatingSummary(this IEndpointRouteBuilder api) =>
        api.MapGet("/products/{productId:guid}/summary", async (Guid productId, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetRatingSummaryQuery(productId), ct)))
            .AllowAnonymous()
            .WithName("GetRatingSummary")
            .WithSummary("A product's average rating (two decimals), review count and reviews per star, over published reviews.")
            .Produces<RatingSummary>();
}
