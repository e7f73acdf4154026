using System.Security.Claims;
using AddisPay.Reviews.Data;
using AddisPay.Reviews.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Reviews.MyReviews;

internal sealed record GetMyReviewsQuery(Guid AuthorId) : IQuery<IReadOnlyList<ReviewView>>;

/// <summary>A review as a given caller may see it: published ones by anyone, others by their author and admins only.</summary>
internal sealed record GetReviewQuery(Guid ReviewId, Guid? Caller, bool IsAdmin) : IQuery<ReviewView>;

internal sealed class GetMyReviewsHandler(ReviewsDbContext db) : IQueryHandler<GetMyReviewsQuery, IReadOnlyList<ReviewView>>
{
    public async ValueTask<IReadOnlyList<ReviewView>> Handle(GetMyReviewsQuery q, CancellationToken ct) =>
        (await db.Reviews.AsNoTracking().Where(r => r.AuthorId == q.AuthorId).OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(ct))
        .Select(ReviewView.From).ToList();
}

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

internal static class MyReviewsEndpoints
{
    public static void MapMyReviews(this IEndpointRouteBuilder api)
    {
        api.MapGet("/mine", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetMyReviewsQuery(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("GetMyReviews")
            .WithSummary("The caller's own reviews in every state (published, pending approval, reported, hidden), newest first.")
            .Produces<IReadOnlyList<ReviewView>>();

        api.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetReviewQuery(id, user.UserId(), user.IsInRole(Roles.Admin)), ct)))
            .AllowAnonymous()
            .WithName("GetReview")
            .WithSummary("One review: a published one for anyone; an unpublished one only for its author or an admin.")
            .Produces<ReviewView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
