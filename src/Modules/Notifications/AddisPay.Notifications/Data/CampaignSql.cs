using AddisPay.Notifications.Promotions;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Notifications.Data;

/// <summary>
/// The lock on a pending campaign (<c>notifications.campaigns</c>, read through <see cref="NotificationsDbContext"/>'s
/// mapping): one dispatcher at a time pages its audience, and another replica skips it rather than waiting. EF Core has
/// no <c>for update skip locked</c>; no benchmark, the lock is about correctness.
/// </summary>
internal static class CampaignSql
{
    public static async Task<Campaign?> LockPendingAsync(NotificationsDbContext db, Guid campaignId, CancellationToken ct) =>
        (await db.Campaigns
            .FromSql($"""select * from notifications.campaigns where "Id" = {campaignId} and "Status" = 'pending' for update skip locked""")
            .ToListAsync(ct)).SingleOrDefault();
}
