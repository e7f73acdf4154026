using AddisPay.Notifications.Contracts;
using AddisPay.Users.Contracts;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Notifications.DispatchCampaigns;

/// <summary>
/// Starts each campaign whose time has come (scheduled, its send time passed; or created by the API) and writes its
/// messages to the delivery log, a page of recipients per transaction (the campaign
/// row is locked, so one pod works on it at a time, and the cursor makes it resumable). Every message gets its own
/// sending slot, MessagesPerMinute apart and outside quiet hours, which bounds the rate the worker sends them at.
/// </summary>
internal sealed class CampaignDispatcher(IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, QuietHours quietHours,
    TimeProvider clock, ILogger<CampaignDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                List<Guid> pending;
                var now = clock.GetUtcNow();
                await using (var scope = scopes.CreateAsyncScope())
                    pending = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Campaigns
                        .Where(c => c.Status == CampaignStatus.Pending || c.Status == CampaignStatus.Scheduled && c.SendAt <= now)
                        .OrderBy(c => c.CreatedAt).Select(c => c.Id).ToListAsync(stoppingToken);
                foreach (var id in pending)
                    while (await WritePageAsync(id, stoppingToken)) { }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Campaign dispatch failed; retrying");
            }
            try { await Task.Delay(options.Value.Promotions.PollIntervalMs, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Writes the next page of the campaign's audience; false when the campaign is complete or another pod holds it.</summary>
    private async Task<bool> WritePageAsync(Guid campaignId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // A job, not a command: it completes its unit of work itself (disposing the scope rolls a failure back).
        var work = services.GetRequiredService<ModuleWork<NotificationsDbContext>>();
        var db = work.Db;
        var o = options.Value.Promotions;
        await work.BeginAsync(ct);
        var campaign = await CampaignSql.LockPendingAsync(db, campaignId, clock.GetUtcNow(), ct);
        if (campaign is null) return false;
        if (campaign.Status == CampaignStatus.Scheduled)
        {
            // Started: from here staff can no longer change or cancel it (the row version moves with this write too).
            campaign.Status = CampaignStatus.Pending;
            if (campaign.SendAt is { } sendAt && sendAt > campaign.NextSlotAt) campaign.NextSlotAt = sendAt;
        }
        campaign.StartedAt ??= clock.GetUtcNow();

        var page = await services.GetRequiredService<ISender>().Send(new ListPromotionRecipients(campaign.Cursor, o.AudiencePageSize), ct);
        if (page.Count == 0)
        {
            campaign.Status = CampaignStatus.Queued;
            campaign.AudienceCompletedAt = clock.GetUtcNow();
            await work.CompleteAsync(ct);
            logger.LogInformation("Campaign {CampaignId} queued for {Recipients} recipients", campaign.Id, campaign.Recipients);
            return false;
        }

        var buyers = campaign.CategorySlug is null ? null : await BuyersAsync(db, campaign.CategorySlug, page.Select(p => p.UserId).ToArray(), ct);
        var templates = services.GetRequiredService<MessageTemplates>();
        var unsubscribe = services.GetRequiredService<UnsubscribeTokens>();
        var log = services.GetRequiredService<DeliveryLog>();
        var interval = TimeSpan.FromMinutes(1) / Math.Max(1, o.MessagesPerMinute);
        foreach (var contact in page.Where(c => c.NotifyPromotions && (buyers is null || buyers.Contains(c.UserId))))
        {
            var language = TemplateCatalogue.Language(contact.PreferredLanguage);
            var email = CampaignMail.Render(templates, campaign, language, contact.FullName, unsubscribe.Link(contact.UserId, campaign.Id));
            var now = clock.GetUtcNow();
            var slot = quietHours.Release(campaign.NextSlotAt > now ? campaign.NextSlotAt : now);
            var added = await log.EnqueueAsync(work, new OutgoingMessage(campaign.Id, contact.UserId, Channels.Email, contact.Email,
                TemplateCatalogue.Promotion, language, email.Subject, email.Text, email.Html, Promotional: true, NotBefore: slot), ct);
            if (!added) continue;
            campaign.NextSlotAt = slot + interval;
            campaign.Recipients++;
        }
        campaign.Cursor = page[^1].UserId;
        await work.CompleteAsync(ct);
        return true;
    }

    private static async Task<HashSet<Guid>> BuyersAsync(NotificationsDbContext db, string categorySlug, Guid[] userIds, CancellationToken ct) =>
        (await db.Purchases
            .Where(p => userIds.Contains(p.UserId) && db.ProductCategories.Any(c => c.ProductId == p.ProductId && c.CategorySlugs.Contains(categorySlug)))
            .Select(p => p.UserId).Distinct().ToListAsync(ct)).ToHashSet();
}
