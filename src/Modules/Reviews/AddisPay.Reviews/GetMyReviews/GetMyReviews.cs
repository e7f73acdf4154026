using System.Security.Claims;

namespace AddisPay.Reviews.GetMyReviews;

internal sealed record GetMyReviewsQuery(Guid AuthorId) : IQuery<IReadOnlyList<ReviewView>>;

internal sealed class GetMyReviewsHandler(ReviewsDbContext db) : IQueryHandler<GetMyReviewsQuery, IReadOnlyList<ReviewView>>
{
    public async ValueTask<IReadOnlyList<ReviewView>> Handle(GetMyReviewsQuery q, CancellationToken ct) =>
        (await db.Reviews.AsNoTracking().Where(r => r.AuthorId == q.AuthorId).OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(ct))
        .Select(ReviewView.From).ToList();
}

internal static class GetMyReviewsEndpoint
{
    public static void MapGetMyReviews(this IEndpointRouteBuilder api) =>
        api.MapGet("/mine", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetMyReviewsQuery(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("GetMyReviews")
            .WithSummary("The caller's own reviews in every state (published, pending approval, reported, hidden), newest first.")
            .Produces<IReadOnlyList<ReviewView>>();
}
