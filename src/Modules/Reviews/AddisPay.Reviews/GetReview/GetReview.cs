using System.Security.Claims;

namespace AddisPay.Reviews.GetReview;

/// <summary>A review as a given caller may see it: published ones by anyone, others by their author and admins only.</summary>
internal sealed record GetReviewQuery(Guid ReviewId, Guid? Caller, bool IsAdmin) : IQuery<ReviewView>;

internal sealed class GetReviewHandler(ReviewsDbContext db) : IQueryHandler<GetReviewQuery, ReviewView>
{
    public async ValueTask<ReviewView> Handle(GetReviewQuery q, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == q.ReviewId, ct);
        if (review is null || (review.Status != ReviewStatus.Published && review.AuthorId != q.Caller && !q.IsAdmin))
            throw new NotFoundException($"Review {q.ReviewId} does not exist.");
        return ReviewView.From(review);
    }
}

internal static class GetReviewEndpoint
{
    public static void MapGetReview(this IEndpointRouteBuilder api) =>
        api.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetReviewQuery(id, user.UserId(), user.IsInRole(Roles.Admin)), ct)))
            .AllowAnonymous()
            .WithName("GetReview")
            .WithSummary("One review: a published one for anyone; an unpublished one only for its author or an admin.")
            .Produces<ReviewView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
