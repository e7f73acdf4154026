using System.Security.Claims;

namespace AddisPay.Reviews.ModerateReview;

/// <param name="Reason">Why it is hidden; kept with the review while it stays hidden.</param>
internal sealed record ModerateReviewCommand(Guid ReviewId, ReviewStatus Decision, string Admin, string? Reason = null) : ICommand<ReviewView>;

/// <summary>
/// An admin hides a review or restores it (which also approves a pending one). Either way its open reports are
/// dealt with, and the product's rating follows in the same transaction.
/// </summary>
internal sealed class ModerateReviewHandler(ReviewsDbContext db, ModuleWork<ReviewsDbContext> work, TimeProvider clock) : ICommandHandler<ModerateReviewCommand, ReviewView>
{
    public async ValueTask<ReviewView> Handle(ModerateReviewCommand c, CancellationToken ct)
    {
        var productId = await db.Reviews.Where(r => r.Id == c.ReviewId).Select(r => (Guid?)r.ProductId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Review {c.ReviewId} does not exist.");
        var now = clock.GetUtcNow();
        await work.BeginAsync(ct);
        await ProductRatings.LockAsync(db, productId, ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == c.ReviewId, ct) ?? throw new NotFoundException($"Review {c.ReviewId} does not exist.");
        var shownBefore = ProductRatings.Shown(review);
        review.Status = c.Decision;
        review.OpenReports = 0;
        review.ModeratedAt = now;
        review.ModeratedBy = c.Admin;
        review.HiddenReason = c.Decision == ReviewStatus.Hidden ? c.Reason : null;
        await db.Reports.Where(r => r.ReviewId == c.ReviewId && r.ResolvedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, now), ct);
        var changed = await ProductRatings.RefreshAsync(db, productId, now, ct);
        work.Raise(ProductRatings.Events(changed, review, shownBefore));
        return ReviewView.From(review);
    }
}

internal static class ModerateReviewEndpoints
{
    public static void MapModerateReview(this IEndpointRouteBuilder api)
    {
        var moderation = api.MapGroup("/moderation").RequireAuthorization(Policies.Admin);

        moderation.MapPost("/{id:guid}/hide", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ModerateReviewCommand(id, ReviewStatus.Hidden, user.FindFirst("sub")?.Value ?? "admin"), ct)))
            .WithName("HideReview")
            .WithSummary("Takes a review down (admin): it leaves listings and the product's rating.")
            .Produces<ReviewView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        moderation.MapPost("/{id:guid}/restore", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ModerateReviewCommand(id, ReviewStatus.Published, user.FindFirst("sub")?.Value ?? "admin"), ct)))
            .WithName("RestoreReview")
            .WithSummary("Publishes a review (admin): restores a hidden or reported one, approves a pending one; its open reports are closed.")
            .Produces<ReviewView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
