using System.Security.Claims;
using AddisPay.Notifications.ChangeCampaign;
using AddisPay.Notifications.GetCampaignResults;

namespace AddisPay.Notifications.CancelCampaign;

// Inside the namespace: the folder shares the contract's name, and a using outside would lose to it.
using AddisPay.Notifications.Contracts;

internal sealed class CancelCampaignHandler(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock)
    : ICommandHandler<CancelCampaign, StaffCampaignChanged>
{
    public async ValueTask<StaffCampaignChanged> Handle(CancelCampaign command, CancellationToken ct)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == command.CampaignId, ct) ?? throw new NotFoundException("Campaign not found.");
        var before = await StaffCampaigns.ViewAsync(db, quietHours, clock, campaign, ct);
        if (campaign.Status == CampaignStatus.Cancelled) return new StaffCampaignChanged(before, before, Replayed: true);
        CampaignGuard.Editable(campaign);
        campaign.Status = CampaignStatus.Cancelled;
        campaign.CancelledAt = campaign.ChangedAt = clock.GetUtcNow();
        // Checked against the version just read: the dispatcher starting it meanwhile makes this a 409, not a silent cancel.
        await CampaignGuard.SaveAsync(db, campaign, campaign.Version, ct);
        return new StaffCampaignChanged(await StaffCampaigns.ViewAsync(db, quietHours, clock, campaign, ct), before, Replayed: false);
    }
}

internal static class CancelCampaignEndpoint
{
    public static void MapCancelCampaign(this IEndpointRouteBuilder api) =>
        api.MapPost("/campaigns/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok((await sender.Send(new CancelCampaign(id, user.UserId() ?? Guid.Empty), ct)).Campaign))
            .RequireAuthorization(Policies.Admin).WithName("CancelCampaign")
            .WithSummary("Cancels a draft or scheduled campaign before it starts (409 after); cancelling it again changes nothing.")
            .Produces<StaffCampaign>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
