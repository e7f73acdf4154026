using System.Security.Claims;
using AddisPay.Reviews.EditReview;

namespace AddisPay.Reviews.DeleteReview;

internal sealed record DeleteReviewCommand(Guid ReviewId, Guid AuthorId) : ICommand;

internal sealed class DeleteReviewHandler(ReviewsDbContext db, ModuleWork<ReviewsDbContext> work, TimeProvider clock) : ICommandHandler<DeleteReviewCommand>
{
    public async ValueTask<Unit> Handle(DeleteReviewCommand c, CancellationToken ct)
    {
        var productId = await OwnReviews.ProductOfAsync(db, c.ReviewId, c.AuthorId, ct);
        await work.BeginAsync(ct);
        await ProductRatings.LockAsync(db, productId, ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == c.ReviewId && r.AuthorId == c.AuthorId, ct) ?? throw OwnReviews.NotFound(c.ReviewId);
        db.Reviews.Remove(review); // its votes and reports go with it (cascade)
        var changed = await ProductRatings.RefreshAsync(db, productId, clock.GetUtcNow(), ct);
        work.Raise(ProductRatings.Events(changed, review, ProductRatings.Shown(review), deleted: true));
        return Unit.Value;
    }
}

internal static class DeleteReviewEndpoint
{
    public static void MapDeleteReview(this IEndpointRouteBuilder api) =>
        api.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteReviewCommand(id, user.UserId()!.Value), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Customer)
            .WithName("DeleteReview")
            .WithSummary("Deletes the caller's own review.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
