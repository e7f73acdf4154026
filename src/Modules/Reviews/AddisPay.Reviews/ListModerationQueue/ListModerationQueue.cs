using System.Security.Claims;

namespace AddisPay.Reviews.ListModerationQueue;

public sealed record ReportReason(string Reason, string? Note, DateTimeOffset At);

public sealed record ModerationItem(ReviewView Review, Guid AuthorId, int OpenReports, IReadOnlyList<ReportReason> Reports,
    DateTimeOffset? ModeratedAt, string? ModeratedBy);

public sealed record ModerationPage(IReadOnlyList<ModerationItem> Items, int Page, int PageSize, int Total);

internal sealed record ListModerationQueueQuery(ReviewStatus[] Statuses, int Page, int PageSize) : IQuery<ModerationPage>;

internal sealed class ListModerationQueueHandler(ReviewsDbContext db) : IQueryHandler<ListModerationQueueQuery, ModerationPage>
{
    public async ValueTask<ModerationPage> Handle(ListModerationQueueQuery q, CancellationToken ct)
    {
        var query = db.Reviews.AsNoTracking().Where(r => q.Statuses.Contains(r.Status));
        var total = await query.CountAsync(ct);
        // Oldest first: the queue is worked through in the order things arrived.
        var reviews = await query.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id).Skip((q.Page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct);
        var ids = reviews.Select(r => r.Id).ToList();
        var reports = (await db.Reports.AsNoTracking().Where(r => ids.Contains(r.ReviewId) && r.ResolvedAt == null).OrderBy(r => r.At).ToListAsync(ct))
            .ToLookup(r => r.ReviewId);
        return new ModerationPage(reviews.Select(r => new ModerationItem(ReviewView.From(r), r.AuthorId, r.OpenReports,
            reports[r.Id].Select(x => new ReportReason(x.Reason, x.Note, x.At)).ToList(), r.ModeratedAt, r.ModeratedBy)).ToList(), q.Page, q.PageSize, total);
    }
}

internal static class ListModerationQueueEndpoint
{
    private static readonly Dictionary<string, ReviewStatus[]> Queues = new()
    {
        ["open"] = [ReviewStatus.Reported, ReviewStatus.Pending],
        ["reported"] = [ReviewStatus.Reported],
        ["pending"] = [ReviewStatus.Pending],
        ["hidden"] = [ReviewStatus.Hidden]
    };

    public static void MapListModerationQueue(this IEndpointRouteBuilder api)
    {
        var moderation = api.MapGroup("/moderation").RequireAuthorization(Policies.Admin);

        moderation.MapGet("/", async (ISender sender, CancellationToken ct, string status = "open", int page = 1, int pageSize = 20) =>
            {
                var errors = Paging.Errors(page, pageSize);
                if (!Queues.ContainsKey(status)) errors["status"] = [$"Use one of: {string.Join(", ", Queues.Keys)}."];
                if (errors.Count > 0) return Results.ValidationProblem(errors);
                return Results.Ok(await sender.Send(new ListModerationQueueQuery(Queues[status], page, pageSize), ct));
            })
            .WithName("ListModerationQueue")
            .WithSummary("Reviews waiting for an admin (admin): open (reported and pending), reported, pending or hidden; oldest first, with their reports.")
            .Produces<ModerationPage>()
            .ProducesValidationProblem();
    }
}
