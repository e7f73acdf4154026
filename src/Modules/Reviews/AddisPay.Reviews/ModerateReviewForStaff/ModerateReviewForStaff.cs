using AddisPay.Reviews.ModerateReview;

namespace AddisPay.Reviews.ModerateReviewForStaff;

// Inside the namespace, so the Contracts request is found before the ModerateReview folder's namespace of the same name.
using AddisPay.Reviews.Contracts;

/// <summary>A back office's moderation decision, through the moderation API's own command.</summary>
internal sealed class ModerateReviewForStaffHandler(ISender sender, ReviewsDbContext db) : ICommandHandler<ModerateReview, ReviewToModerate>
{
    public async ValueTask<ReviewToModerate> Handle(ModerateReview command, CancellationToken ct)
    {
        var decision = command.Decision switch
        {
            ModerationDecisions.Hide => ReviewStatus.Hidden,
            ModerationDecisions.Approve or ModerationDecisions.Restore => ReviewStatus.Published,
            _ => throw new ValidationFailedException("decision", $"Use one of: {string.Join(", ", ModerationDecisions.All)}.")
        };
        var reason = decision == ReviewStatus.Hidden && !string.IsNullOrWhiteSpace(command.Reason) ? command.Reason.Trim() : null;
        if (reason is { Length: > 300 }) throw new ValidationFailedException("reason", "A reason has at most 300 characters.");
        var review = await db.Reviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == command.ReviewId, ct)
            ?? throw new NotFoundException($"Review {command.ReviewId} does not exist.");
        // Already decided and nothing reported since: a repeated decision changes nothing.
        if (review.Status != decision || review.OpenReports > 0)
            await sender.Send(new ModerateReviewCommand(command.ReviewId, decision, command.ModeratedBy, reason), ct);
        var now = await db.Reviews.AsNoTracking().FirstAsync(r => r.Id == command.ReviewId, ct);
        return ReviewContractViews.Item(now, (await ReviewContractViews.ReportsOfAsync(db, [now.Id], ct))[now.Id]);
    }
}
