using System.Security.Claims;
using AddisPay.Reviews.WriteReview;
using Microsoft.Extensions.Options;

namespace AddisPay.Reviews.EditReview;

internal sealed record EditReviewCommand(Guid ReviewId, Guid AuthorId, ReviewRequest Request) : ICommand<ReviewView>;

internal sealed class EditReviewHandler(ReviewsDbContext db, ModuleWork<ReviewsDbContext> work, TimeProvider clock, IOptions<ReviewsOptions> options)
    : ICommandHandler<EditReviewCommand, ReviewView>
{
    public async ValueTask<ReviewView> Handle(EditReviewCommand c, CancellationToken ct)
    {
        var productId = await OwnReviews.ProductOfAsync(db, c.ReviewId, c.AuthorId, ct);
        var now = clock.GetUtcNow();
        await work.BeginAsync(ct);
        await ProductRatings.LockAsync(db, productId, ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == c.ReviewId && r.AuthorId == c.AuthorId, ct) ?? throw OwnReviews.NotFound(c.ReviewId);
        var shownBefore = ProductRatings.Shown(review);
        var r = c.Request;
        review.Rating = r.Rating;
        review.Title = r.Title.Trim();
        review.Text = r.Text.Trim();
        review.Language = r.Language ?? review.Language;
        review.UpdatedAt = now;
        // An edit is new text: under pre-moderation it waits for approval again. A review an admin or the
        // shoppers' reports took down stays down; editing is not a way around moderation.
        if (options.Value.PreModeration && review.Status == ReviewStatus.Published) review.Status = ReviewStatus.Pending;
        var changed = await ProductRatings.RefreshAsync(db, productId, now, ct);
        work.Raise(ProductRatings.Events(changed, review, shownBefore));
        return ReviewView.From(review);
    }
}

/// <summary>Finds a review only for its author: anyone else's review is a 404, whether or not it exists.</summary>
internal static class OwnReviews
{
    public static async Task<Guid> ProductOfAsync(ReviewsDbContext db, Guid reviewId, Guid authorId, CancellationToken ct) =>
        await db.Reviews.Where(r => r.Id == reviewId && r.AuthorId == authorId).Select(r => (Guid?)r.ProductId).FirstOrDefaultAsync(ct)
        ?? throw NotFound(reviewId);

    public static NotFoundException NotFound(Guid reviewId) => new($"You have no review {reviewId}.");
}

internal static class EditReviewEndpoint
{
    public static void MapEditReview(this IEndpointRouteBuilder api) =>
        api.MapPut("/{id:guid}", async (Guid id, ReviewRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new EditReviewCommand(id, user.UserId()!.Value, request), ct)))
            .Validate<ReviewRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("EditReview")
            .WithSummary("Rewrites the caller's own review (rating, title, text, language).")
            .Produces<ReviewView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
