namespace AddisPay.Reviews.ListModerationQueueForStaff;

// Inside the namespace, so the Contracts request is found before the ListModerationQueue folder's namespace of the same name.
using AddisPay.Reviews.Contracts;

/// <summary>
/// A back office's moderation queue. It also holds shown reviews with reports below the hiding threshold: a moderator
/// should see one report, not only three.
/// </summary>
internal sealed class ListModerationQueueForStaffHandler(ReviewsDbContext db) : IQueryHandler<ListModerationQueue, ModerationQueuePage>
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
        var reports = await ReviewContractViews.ReportsOfAsync(db, page.Select(r => r.Id).ToList(), ct);
        return new ModerationQueuePage(page.Select(r => ReviewContractViews.Item(r, reports[r.Id])).ToList(), query.Page, query.PageSize, total);
    }
}
