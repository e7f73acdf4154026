using System.Security.Claims;
using AddisPay.Notifications.ChangeCampaign;
using AddisPay.Notifications.ComposeCampaign;
using AddisPay.Notifications.GetCampaignResults;

namespace AddisPay.Notifications.ScheduleCampaign;

// Inside the namespace: the folder shares the contract's name, and a using outside would lose to it.
using AddisPay.Notifications.Contracts;

/// <param name="SendAt">When to send it (UTC or with an offset); null sends it now.</param>
public sealed record ScheduleCampaignRequest(DateTimeOffset? SendAt);

internal sealed class ScheduleCampaignHandler(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock)
    : ICommandHandler<ScheduleCampaign, StaffCampaignChanged>
{
    public async ValueTask<StaffCampaignChanged> Handle(ScheduleCampaign command, CancellationToken ct)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == command.CampaignId, ct) ?? throw new NotFoundException("Campaign not found.");
        var before = await StaffCampaigns.ViewAsync(db, quietHours, clock, campaign, ct);
        var now = clock.GetUtcNow();
        var sendAt = CampaignRules.Second(command.SendAt);
        // Asked again (a double submit): "now" finds it due or already going out, a time finds it scheduled for that time.
        var already = sendAt is null
            ? campaign.Status is CampaignStatus.Pending or CampaignStatus.Queued || campaign.Status == CampaignStatus.Scheduled && campaign.SendAt <= now
            : campaign.Status == CampaignStatus.Scheduled && campaign.SendAt == sendAt;
        if (already) return new StaffCampaignChanged(before, before, Replayed: true);
        CampaignGuard.Editable(campaign);
        if (CampaignRules.SendAtError(sendAt, now) is { } error) throw new ValidationFailedException("sendAt", error);
        CampaignGuard.Current(campaign, command.ExpectedVersion);

        campaign.Status = CampaignStatus.Scheduled;
        campaign.SendAt = sendAt ?? CampaignRules.Second(now);
        campaign.ChangedAt = now;
        await CampaignGuard.SaveAsync(db, campaign, command.ExpectedVersion, ct);
        return new StaffCampaignChanged(await StaffCampaigns.ViewAsync(db, quietHours, clock, campaign, ct), before, Replayed: false);
    }
}

internal static class ScheduleCampaignEndpoint
{
    public static void MapScheduleCampaign(this IEndpointRouteBuilder api) =>
        api.MapPost("/campaigns/{id:guid}/schedule", async (Guid id, ScheduleCampaignRequest request, HttpContext http, ClaimsPrincipal user, ISender sender,
                CancellationToken ct) =>
            {
                var scheduled = await sender.Send(new ScheduleCampaign(id, CampaignVersions.IfMatch(http), request.SendAt, user.UserId() ?? Guid.Empty), ct);
                http.Response.Headers.ETag = CampaignVersions.ETag(scheduled.Campaign);
                return Results.Ok(scheduled.Campaign);
            })
            .RequireAuthorization(Policies.Admin).WithName("ScheduleCampaign")
            .WithSummary("Schedules a draft (or moves a scheduled campaign) to go out at sendAt, or now without it; quiet hours may hold it (goesOutAt). If-Match with its version.")
            .Produces<StaffCampaign>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
