using AddisPay.Reviews.Contracts;
using AddisPay.Reviews.Data;
using AddisPay.Reviews.EditReview;
using AddisPay.Reviews.HelpfulVotes;
using AddisPay.Reviews.Domain;
using AddisPay.Reviews.WriteReview;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Reviews.ShopperReviewRequests;

/// <summary>
/// A shop front's reviews — writing, rewriting, the shopper's own, helpful votes — through the very commands the API runs,
/// with the requests validated as the API's endpoints validate them. The module's own refusals become the shared failures
/// (409, 403), so a shop front sees the same exception in one process and across pods.
/// </summary>
internal sealed class ShopperReviewRequests(ISender sender, ReviewsDbContext db) :
    ICommandHandler<WriteShopperReview, ShopperReview>,
    ICommandHandler<EditShopperReview, ShopperReview>,
    IQueryHandler<GetShopperReviews, IReadOnlyList<ShopperReview>>,
    ICommandHandler<VoteReviewHelpful, ReviewHelpfulVote>
{
    public async ValueTask<ShopperReview> Handle(WriteShopperReview command, CancellationToken ct)
    {
        var request = Valid(new ReviewRequest(command.Rating, command.Title, command.Text, command.Language));
        try
        {
            return From(await sender.Send(new WriteReviewCommand(command.ProductId, command.AuthorId, request), ct));
        }
        catch (ReviewExistsException exists)
        {
            // A retry of a write that succeeded finds its own review: the same answer, not a conflict.
            var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == exists.ReviewId && r.AuthorId == command.AuthorId, ct);
            if (review is not null && review.Rating == request.Rating && review.Title == request.Title.Trim() && review.Text == request.Text.Trim())
                return From(ReviewView.From(review));
            throw new ConflictException(exists.Message);
        }
    }

    public async ValueTask<ShopperReview> Handle(EditShopperReview command, CancellationToken ct)
    {
        var request = Valid(new ReviewRequest(command.Rating, command.Title, command.Text, command.Language));
        return From(await sender.Send(new EditReviewCommand(command.ReviewId, command.AuthorId, request), ct));
    }

    public async ValueTask<IReadOnlyList<ShopperReview>> Handle(GetShopperReviews query, CancellationToken ct)
    {
        if (query.ProductIds.Count is 0 or > 100) return [];
        var ids = query.ProductIds.Distinct().ToList();
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.AuthorId == query.AuthorId && ids.Contains(r.ProductId)).ToListAsync(ct);
        return reviews.Select(r => From(ReviewView.From(r))).ToList();
    }

    public async ValueTask<ReviewHelpfulVote> Handle(VoteReviewHelpful command, CancellationToken ct)
    {
        var productId = await db.Reviews.AsNoTracking().Where(r => r.Id == command.ReviewId).Select(r => (Guid?)r.ProductId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Review {command.ReviewId} does not exist.");
        try
        {
            var vote = await sender.Send(new VoteHelpfulCommand(command.ReviewId, command.VoterId, Helpful: true), ct);
            return new ReviewHelpfulVote(vote.ReviewId, productId, vote.HelpfulCount);
        }
        catch (OwnReviewException own)
        {
            throw new ForbiddenException(own.Message);
        }
    }

    private static ReviewRequest Valid(ReviewRequest request) =>
        Validation.Errors(request) is { Count: > 0 } errors ? throw new ValidationFailedException(errors) : request;

    private static ShopperReview From(ReviewView r) =>
        new(r.Id, r.ProductId, r.Rating, r.Title, r.Text, r.Language, r.Status.ToString().ToLowerInvariant(), r.VerifiedPurchase, r.UpdatedAt);
}
