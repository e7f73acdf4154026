using System.Security.Claims;
using Npgsql;

namespace AddisPay.Reviews.HelpfulVotes;

public sealed record HelpfulVoteResult(Guid ReviewId, int HelpfulCount, bool Voted);

internal sealed record VoteHelpfulCommand(Guid ReviewId, Guid VoterId, bool Helpful) : ICommand<HelpfulVoteResult>;

/// <summary>
/// One vote per shopper per review, never on one's own; the vote and the review's counter change in one
/// transaction, and the counter moves only when a vote row was really added or removed (so repeats are harmless).
/// </summary>
internal sealed class VoteHelpfulHandler(ReviewsDbContext db, TimeProvider clock) : ICommandHandler<VoteHelpfulCommand, HelpfulVoteResult>
{
    public async ValueTask<HelpfulVoteResult> Handle(VoteHelpfulCommand c, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().Where(r => r.Id == c.ReviewId).Select(r => new { r.AuthorId, r.Status }).FirstOrDefaultAsync(ct);
        if (review is null || (c.Helpful && review.Status != ReviewStatus.Published)) throw new NotFoundException($"Review {c.ReviewId} does not exist.");
        if (review.AuthorId == c.VoterId) throw new OwnReviewException("You can't vote on your own review.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var changed = c.Helpful
                ? await FeedbackSql.AddHelpfulVoteAsync(db, c.ReviewId, c.VoterId, clock.GetUtcNow(), ct)
                : await db.HelpfulVotes.Where(v => v.ReviewId == c.ReviewId && v.VoterId == c.VoterId).ExecuteDeleteAsync(ct);
            if (changed == 1)
                await db.Reviews.Where(r => r.Id == c.ReviewId)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount + (c.Helpful ? 1 : -1)), ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new NotFoundException($"Review {c.ReviewId} does not exist."); // deleted meanwhile
        }
        var count = await db.Reviews.Where(r => r.Id == c.ReviewId).Select(r => r.HelpfulCount).SingleAsync(ct);
        await tx.CommitAsync(ct);
        return new HelpfulVoteResult(c.ReviewId, count, c.Helpful);
    }
}

internal static class HelpfulVoteEndpoints
{
    public static void MapHelpfulVotes(this IEndpointRouteBuilder api)
    {
        api.MapPost("/{id:guid}/helpful", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new VoteHelpfulCommand(id, user.UserId()!.Value, Helpful: true), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("VoteReviewHelpful")
            .WithSummary("Marks a review helpful (once per customer; not one's own review: 403).")
            .Produces<HelpfulVoteResult>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id:guid}/helpful", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new VoteHelpfulCommand(id, user.UserId()!.Value, Helpful: false), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("UndoReviewHelpful")
            .WithSummary("Takes back the caller's helpful vote.")
            .Produces<HelpfulVoteResult>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
