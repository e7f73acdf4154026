using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace AddisPay.Reviews.ReportReview;

public sealed record ReportReviewRequest(
    [property: Required, RegularExpression("^(spam|offensive|off_topic|fake|personal_data|other)$",
        ErrorMessage = "Use spam, offensive, off_topic, fake, personal_data or other.")] string Reason,
    [property: StringLength(Limits.ReportNote)] string? Note = null);

internal sealed record ReportReviewCommand(Guid ReviewId, Guid ReporterId, ReportReviewRequest Request) : ICommand;

/// <summary>
/// A shopper reports a review. When reports from <see cref="ReviewsOptions.ReportThreshold"/> different shoppers
/// are open, the review is hidden (and leaves the product's rating) until an admin hides or restores it.
/// </summary>
internal sealed class ReportReviewHandler(ReviewsDbContext db, ModuleWork<ReviewsDbContext> work, TimeProvider clock, IOptions<ReviewsOptions> options)
    : ICommandHandler<ReportReviewCommand>
{
    public async ValueTask<Unit> Handle(ReportReviewCommand c, CancellationToken ct)
    {
        var target = await db.Reviews.AsNoTracking().Where(r => r.Id == c.ReviewId).Select(r => new { r.ProductId, r.AuthorId, r.Status }).FirstOrDefaultAsync(ct);
        if (target is null || target.Status != ReviewStatus.Published) throw new NotFoundException($"Review {c.ReviewId} does not exist.");
        if (target.AuthorId == c.ReporterId) throw new OwnReviewException("You can't report your own review.");

        var now = clock.GetUtcNow();
        await work.BeginAsync(ct);
        await ProductRatings.LockAsync(db, target.ProductId, ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == c.ReviewId, ct) ?? throw new NotFoundException($"Review {c.ReviewId} does not exist.");
        var shownBefore = ProductRatings.Shown(review);
        // A shopper's second report of the same review changes nothing: the threshold counts people, not clicks.
        var added = await FeedbackSql.AddReportAsync(db, c.ReviewId, c.ReporterId, c.Request.Reason, c.Request.Note?.Trim(), now, ct);
        if (added == 1)
        {
            review.OpenReports++;
            if (review.Status == ReviewStatus.Published && review.OpenReports >= Math.Max(1, options.Value.ReportThreshold))
                review.Status = ReviewStatus.Reported;
        }
        var changed = await ProductRatings.RefreshAsync(db, target.ProductId, now, ct);
        work.Raise(ProductRatings.Events(changed, review, shownBefore));
        return Unit.Value;
    }
}

internal static class ReportReviewEndpoint
{
    public static void MapReportReview(this IEndpointRouteBuilder api) =>
        api.MapPost("/{id:guid}/reports", async (Guid id, ReportReviewRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new ReportReviewCommand(id, user.UserId()!.Value, request), ct);
                return Results.Accepted();
            })
            .Validate<ReportReviewRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("ReportReview")
            .WithSummary("Reports a review for moderation (spam, offensive, off_topic, fake, personal_data, other); enough reports hide it until reviewed.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
