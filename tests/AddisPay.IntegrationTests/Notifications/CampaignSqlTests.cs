using AddisPay.Notifications.Data;
using AddisPay.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// <see cref="CampaignSql"/> against the mapping of <see cref="NotificationsDbContext"/>. A pending campaign is written and
/// locked in one transaction that is rolled back: committed, the platform's own dispatcher would take it.
/// </summary>
[Collection(SqlFamilies.Collection)]
public sealed class CampaignSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_pending_campaign_saved_through_the_context_is_locked_and_read_whole_by_the_lock_statement()
    {
        var campaign = NewCampaign(CampaignStatus.Pending);

        var locked = await platform.WithContextAsync<NotificationsDbContext, Campaign?>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var read = await CampaignSql.LockPendingAsync(db, campaign.Id, SqlFamilies.Now, CancellationToken.None);
            await tx.RollbackAsync();
            return read;
        });

        Assert.NotNull(locked);
        Assert.NotSame(campaign, locked);
        Assert.Equal((campaign.Subject, campaign.SubjectAm, campaign.Body, campaign.BodyAm, campaign.CategorySlug, campaign.Cursor),
            (locked.Subject, locked.SubjectAm, locked.Body, locked.BodyAm, locked.CategorySlug, locked.Cursor));
        Assert.Equal((CampaignStatus.Pending, campaign.NextSlotAt, 12, "admin@addispay.et", campaign.CreatedAt, (DateTimeOffset?)null),
            (locked.Status, locked.NextSlotAt, locked.Recipients, locked.CreatedBy, locked.CreatedAt, locked.AudienceCompletedAt));
        Assert.NotEqual(0u, locked.Version); // xmin is read too, so the dispatcher's save is checked against it
    }

    [Fact]
    public async Task A_scheduled_campaign_is_locked_once_its_send_time_has_come_and_not_before()
    {
        var campaign = NewCampaign(CampaignStatus.Scheduled);
        campaign.SendAt = SqlFamilies.Now.AddMinutes(5);

        var (early, due) = await platform.WithContextAsync<NotificationsDbContext, (Campaign?, Campaign?)>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var before = await CampaignSql.LockPendingAsync(db, campaign.Id, SqlFamilies.Now.AddMinutes(4), CancellationToken.None);
            var at = await CampaignSql.LockPendingAsync(db, campaign.Id, SqlFamilies.Now.AddMinutes(5), CancellationToken.None);
            await tx.RollbackAsync();
            return (before, at);
        });

        Assert.Null(early);
        Assert.NotNull(due);
        Assert.Equal((CampaignStatus.Scheduled, campaign.SendAt), (due.Status, due.SendAt));
    }

    [Fact]
    public async Task A_draft_is_never_locked_for_sending()
    {
        var campaign = NewCampaign(CampaignStatus.Draft);
        campaign.SendAt = SqlFamilies.Now.AddMinutes(-5);

        var locked = await platform.WithContextAsync<NotificationsDbContext, Campaign?>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var read = await CampaignSql.LockPendingAsync(db, campaign.Id, SqlFamilies.Now, CancellationToken.None);
            await tx.RollbackAsync();
            return read;
        });

        Assert.Null(locked);
    }

    [Fact]
    public async Task A_campaign_whose_audience_is_written_is_not_locked_again()
    {
        var campaign = NewCampaign(CampaignStatus.Queued);
        await platform.SaveAsync<NotificationsDbContext>(campaign);

        var locked = await platform.WithContextAsync<NotificationsDbContext, Campaign?>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            return await CampaignSql.LockPendingAsync(db, campaign.Id, SqlFamilies.Now, CancellationToken.None);
        });

        Assert.Null(locked);
    }

    private static Campaign NewCampaign(string status) => new()
    {
        Id = Guid.NewGuid(), Subject = "Harvest week", SubjectAm = "የመከር ሳምንት", Body = "Hello {{ name }}\n\nNew beans.", BodyAm = "ሰላም {{ name }}",
        CategorySlug = "coffee", Status = status, Cursor = Guid.NewGuid(), NextSlotAt = SqlFamilies.Now.AddYears(40), Recipients = 12,
        CreatedBy = "admin@addispay.et", CreatedAt = SqlFamilies.Now,
        AudienceCompletedAt = status == CampaignStatus.Queued ? SqlFamilies.Now : null
    };
}
