namespace AddisPay.Notifications.GetCampaignResults;

// Inside the namespace: the folder shares the contract's name, and a using outside would lose to it.
using AddisPay.Notifications.Contracts;

internal sealed class GetCampaignResultsHandler(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock) : IQueryHandler<GetCampaignResults, StaffCampaign?>
{
    public async ValueTask<StaffCampaign?> Handle(GetCampaignResults query, CancellationToken ct) =>
        await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.CampaignId, ct) is { } campaign
            ? (await StaffCampaigns.ViewsAsync(db, quietHours, clock, [campaign], ct))[0]
            : null;
}

/// <summary>Campaigns as staff see them: texts, version, when they really go out, and what became of their messages.</summary>
internal static class StaffCampaigns
{
    public static async Task<StaffCampaign> ViewAsync(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock, Campaign campaign, CancellationToken ct) =>
        (await ViewsAsync(db, quietHours, clock, [campaign], ct))[0];

    public static async Task<IReadOnlyList<StaffCampaign>> ViewsAsync(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock,
        IReadOnlyList<Campaign> campaigns, CancellationToken ct)
    {
        var ids = campaigns.Select(c => c.Id).ToArray();
        var counts = await db.Messages.Where(m => ids.Contains(m.SourceId)).GroupBy(m => new { m.SourceId, m.Status })
            .Select(g => new { g.Key.SourceId, g.Key.Status, Count = g.Count(), Last = g.Max(m => m.SentAt ?? m.LastAttemptAt) })
            .ToListAsync(ct);
        var unsubscribed = await db.CampaignUnsubscribes.Where(u => ids.Contains(u.CampaignId)).GroupBy(u => u.CampaignId)
            .Select(g => new { CampaignId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.CampaignId, x => x.Count, ct);
        var now = clock.GetUtcNow();
        return campaigns.Select(c =>
        {
            var mine = counts.Where(x => x.SourceId == c.Id).ToList();
            int Of(string status) => mine.Where(x => x.Status == status).Sum(x => x.Count);
            var waiting = Of(MessageStatus.Queued) + Of(MessageStatus.Failed);
            var finished = c.AudienceCompletedAt is not null && waiting == 0 ? mine.Max(x => x.Last) ?? c.AudienceCompletedAt : null;
            var results = new CampaignResults(c.Recipients, Of(MessageStatus.Queued), Of(MessageStatus.Sent), Of(MessageStatus.Failed), Of(MessageStatus.Dead),
                unsubscribed.GetValueOrDefault(c.Id), c.StartedAt, c.AudienceCompletedAt, finished);
            // When the first message may leave: the wanted time (or now, or when it started), moved past quiet hours.
            var wanted = c.Status switch
            {
                CampaignStatus.Draft or CampaignStatus.Scheduled => c.SendAt is { } at && at > now ? at : now,
                _ => c.SendAt ?? c.StartedAt ?? c.CreatedAt,
            };
            DateTimeOffset? goesOut = c.Status == CampaignStatus.Cancelled ? null : quietHours.Release(wanted);
            return new StaffCampaign(c.Id, c.Subject, c.SubjectAm, c.Body, c.BodyAm, c.CategorySlug, c.Status, c.SendAt, goesOut, goesOut > wanted,
                c.Version, c.CreatedBy, c.CreatedAt, c.ChangedAt, c.CancelledAt, results);
        }).ToList();
    }
}

internal static class GetCampaignResultsEndpoint
{
    public static void MapGetCampaignResults(this IEndpointRouteBuilder api) =>
        api.MapGet("/campaigns/{id:guid}/results", async (Guid id, ISender sender, CancellationToken ct) =>
                await sender.Send(new GetCampaignResults(id), ct) is { } campaign ? Results.Ok(campaign) : throw new NotFoundException("Campaign not found."))
            .RequireAuthorization(Policies.Admin).WithName("GetCampaignResults")
            .WithSummary("A campaign's texts, status, version, when it really goes out (quiet hours) and its results: recipients, queued, sent, failed, dead, unsubscribes.")
            .Produces<StaffCampaign>().ProducesProblem(StatusCodes.Status404NotFound);
}
