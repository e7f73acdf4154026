using AddisPay.Reviews.HelpfulVotes;

namespace AddisPay.Reviews.VoteReviewHelpful;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Reviews.Contracts;

/// <summary>
/// A shop front's helpful vote, through the very command the API runs. The module's own refusal becomes the shared failure
/// (403), so a shop front sees the same exception in one process and across pods.
/// </summary>
internal sealed class VoteReviewHelpfulHandler(ISender sender, ReviewsDbContext db) : ICommandHandler<VoteReviewHelpful, ReviewHelpfulVote>
{
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
}
