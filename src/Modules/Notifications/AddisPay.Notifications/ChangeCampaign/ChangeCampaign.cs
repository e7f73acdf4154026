using System.Security.Claims;
using AddisPay.Notifications.ComposeCampaign;
using AddisPay.Notifications.GetCampaignResults;

namespace AddisPay.Notifications.ChangeCampaign;

// Inside the namespace: the folder shares the contract's name, and a using outside would lose to it.
using AddisPay.Notifications.Contracts;

internal sealed class ChangeCampaignHandler(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock)
    : ICommandHandler<ChangeCampaign, StaffCampaignChanged>
{
    public async ValueTask<StaffCampaignChanged> Handle(ChangeCampaign command, CancellationToken ct)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == command.CampaignId, ct) ?? throw new NotFoundException("Campaign not found.");
        var before = await StaffCampaigns.ViewAsync(db, quietHours, clock, campaign, ct);
        var sendAt = CampaignRules.Second(command.SendAt);
        var unchanged = campaign.Subject == command.Subject?.Trim() && campaign.SubjectAm == command.SubjectAm?.Trim() && campaign.Body == command.Body?.Trim()
                        && campaign.BodyAm == command.BodyAm?.Trim() && campaign.CategorySlug == CampaignRules.Blank(command.CategorySlug) && campaign.SendAt == sendAt;
        if (unchanged && CampaignStatus.Editable(campaign.Status)) return new StaffCampaignChanged(before, before, Replayed: true);
        CampaignGuard.Editable(campaign);
        var now = clock.GetUtcNow();
        var errors = CampaignRules.Errors(command.Subject, command.SubjectAm, command.Body, command.BodyAm, command.CategorySlug, sendAt, now);
        if (campaign.Status == CampaignStatus.Scheduled && sendAt is null)
            errors["sendAt"] = ["A scheduled campaign needs its time: keep one, or cancel the campaign."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        CampaignGuard.Current(campaign, command.ExpectedVersion);

        campaign.Subject = command.Subject!.Trim();
        campaign.SubjectAm = command.SubjectAm!.Trim();
        campaign.Body = command.Body!.Trim();
        campaign.BodyAm = command.BodyAm!.Trim();
        campaign.CategorySlug = CampaignRules.Blank(command.CategorySlug);
        campaign.SendAt = sendAt;
        campaign.ChangedAt = now;
        await CampaignGuard.SaveAsync(db, campaign, command.ExpectedVersion, ct);
        return new StaffCampaignChanged(await StaffCampaigns.ViewAsync(db, quietHours, clock, campaign, ct), before, Replayed: false);
    }
}

/// <summary>The checks every staff change of a campaign makes: still editable (409), read at its current version (412).</summary>
internal static class CampaignGuard
{
    public static void Editable(Campaign campaign)
    {
        if (campaign.Status == CampaignStatus.Cancelled)
            throw new ConflictException("The campaign was cancelled.") { Reason = Refusal.Of("campaign.cancelled") };
        if (!CampaignStatus.Editable(campaign.Status))
            throw new ConflictException("The campaign has started; it can no longer be changed or cancelled.") { Reason = Refusal.Of("campaign.started", ("status", campaign.Status)) };
    }

    public static void Current(Campaign campaign, uint expectedVersion)
    {
        if (campaign.Version != expectedVersion) throw Stale();
    }

    /// <summary>Saves with the version the caller read: a write racing this one (another edit, the dispatcher starting it) fails it.</summary>
    public static async Task SaveAsync(NotificationsDbContext db, Campaign campaign, uint expectedVersion, CancellationToken ct)
    {
        db.Entry(campaign).Property(c => c.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaign.Id, ct);
            Editable(now);
            throw Stale();
        }
    }

    private static PreconditionFailedException Stale() =>
        new("The campaign changed since you read it; read it again and reapply your change.") { Reason = Refusal.Of("campaign.changed") };
}

internal static class ChangeCampaignEndpoint
{
    public static void MapChangeCampaign(this IEndpointRouteBuilder api) =>
        api.MapPut("/campaigns/{id:guid}", async (Guid id, CampaignDraftRequest request, HttpContext http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var changed = await sender.Send(new ChangeCampaign(id, CampaignVersions.IfMatch(http), request.Subject, request.SubjectAm, request.Body,
                    request.BodyAm, request.CategorySlug, request.SendAt, user.UserId() ?? Guid.Empty), ct);
                http.Response.Headers.ETag = CampaignVersions.ETag(changed.Campaign);
                return Results.Ok(changed.Campaign);
            })
            .RequireAuthorization(Policies.Admin).WithName("ChangeCampaign")
            .WithSummary("Replaces a draft or scheduled campaign's texts, audience and send time. Requires If-Match with its version (ETag); 412 when stale, 409 once it started.")
            .Produces<StaffCampaign>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}

/// <summary>A campaign's version as an HTTP entity tag, for If-Match on the API's changes.</summary>
internal static class CampaignVersions
{
    public static string ETag(StaffCampaign campaign) => $"\"{campaign.Version}\"";

    public static uint IfMatch(HttpContext http)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch)) throw new ValidationFailedException("If-Match", "Send the campaign's ETag in If-Match to change it.");
        return uint.TryParse(ifMatch.Replace("W/", "").Trim('"'), out var version) ? version
            : throw new PreconditionFailedException("If-Match is not a version of this campaign; read it again.");
    }
}
