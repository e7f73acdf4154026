namespace AddisPay.Notifications.Data;

/// <summary>
/// The lock on a campaign to dispatch (pending, or scheduled and due) (<c>notifications.campaigns</c>, read through <see cref="NotificationsDbContext"/>'s
/// mapping): one dispatcher at a time pages its audience, and another replica skips it rather than waiting. EF Core has
/// no <c>for update skip locked</c>; no benchmark, the lock is about correctness.
/// </summary>
internal static class CampaignSql
{
    public static async Task<Campaign?> LockPendingAsync(NotificationsDbContext db, Guid campaignId, DateTimeOffset now, CancellationToken ct) =>
        (await db.Campaigns
            .FromSql($"""
                select *, xmin from notifications.campaigns
                where "Id" = {campaignId} and ("Status" = 'pending' or "Status" = 'scheduled' and "SendAt" <= {now})
                for update skip locked
                """)
            .ToListAsync(ct)).SingleOrDefault();
}
