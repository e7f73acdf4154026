using AddisPay.Reviews.WriteReview;

namespace AddisPay.Reviews.WriteShopperReview;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Reviews.Contracts;

/// <summary>
/// A shop front's review, through the very command the API runs, with the request validated as the API's endpoint validates
/// it. The module's own refusal becomes the shared failure (409), so a shop front sees the same exception in one process and
/// across pods.
/// </summary>
internal sealed class WriteShopperReviewHandler(ISender sender, ReviewsDbContext db) : ICommandHandler<WriteShopperReview, ShopperReview>
{
    public async ValueTask<ShopperReview> Handle(WriteShopperReview command, CancellationToken ct)
    {
        var request = new ReviewRequest(command.Rating, command.Title, command.Text, command.Language).ValidOrThrow();
        try
        {
            return (await sender.Send(new WriteReviewCommand(command.ProductId, command.AuthorId, request), ct)).ToShopper();
        }
        catch (ReviewExistsException exists)
        {
            // A retry of a write that succeeded finds its own review: the same answer, not a conflict.
            var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == exists.ReviewId && r.AuthorId == command.AuthorId, ct);
            if (review is not null && review.Rating == request.Rating && review.Title == request.Title.Trim() && review.Text == request.Text.Trim())
                return ReviewView.From(review).ToShopper();
            throw new ConflictException(exists.Message);
        }
    }
}
