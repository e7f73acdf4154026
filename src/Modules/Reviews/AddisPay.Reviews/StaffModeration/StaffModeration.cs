using AddisPay.Reviews.Contracts;
using AddisPay.Reviews.Data;
using AddisPay.Reviews.Moderation;
using AddisPay.Reviews.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Reviews.StaffModeration;

/// <summary>
/// A back office's moderation queue and decisions, through the moderation API's own command. The queue also holds shown
/// reviews with reports below the hiding threshold: a moderator should see one report, not only three.
/// </summary>
internal sealed class StaffModerationRequests(ISender sender, ReviewsDbContext db) :
    IQueryHandler<ListModerationQueue, ModerationQueuePage>,
    ICommandHandler<ModerateReview, ReviewToModerate>
{
    public async ValueTask<ModerationQueuePage> Handle(ListModerationQueue query, CancellationToken ct)
    {
        var errors = Paging.Errors(query.Page, query.PageSize);
        if (!ModerationQueues.All.Contains(query.Queue)) errors["queue"] = [$"Use one of: {string.Join(", ", ModerationQueues.All)}."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        var reviews = db.Reviews.AsNoTracking();
        reviews = query.Queue == ModerationQueues.Hidden
            ? reviews.Where(r => r.Status == ReviewStatus.Hidden)
            : reviews.Where(r => r.Status == ReviewStatus.Pending || r.Status == ReviewStatus.Reported || r.Status == ReviewStatus.Published && r.OpenReports > 0);
        var total = await reviews.CountAsync(ct);
        // Oldest first: the queue is worked through in the order things arrived.
        var page = await reviews.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        var reports = await ReportsOf(page.Select(r => r.Id).ToList(), ct);
        return new ModerationQueuePage(page.Select(r => Item(r, reports[r.Id])).ToList(), query.Page, query.PageSize, total);
    }

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
        return Item(now, (await ReportsOf([now.Id], ct))[now.Id]);
    }

    private async Task<ILookup<Guid, ReviewReportView>> ReportsOf(List<Guid> ids, CancellationToken ct) =>
        (await db.Reports.AsNoTracking().Where(r => ids.Contains(r.ReviewId) && r.ResolvedAt == null).OrderBy(r => r.At).ToListAsync(ct))
            .ToLookup(r => r.ReviewId, r => new ReviewReportView(r.Reason, r.Note, r.At));

    private static ReviewToModerate Item(Review r, IEnumerable<ReviewReportView> reports) =>
        new(r.Id, r.ProductId, r.AuthorId, r.Rating, r.Title, r.Text, r.Language, r.Status.ToString().ToLowerInvariant(), reports.ToList(),
            r.UpdatedAt, r.ModeratedAt, r.ModeratedBy, r.HiddenReason);
}
