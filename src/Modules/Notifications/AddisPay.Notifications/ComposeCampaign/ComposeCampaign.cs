using System.Security.Claims;
using AddisPay.Notifications.CreateCampaign;
using AddisPay.Notifications.GetCampaignResults;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Notifications.ComposeCampaign;

// Inside the namespace: the folder shares the contract's name, and a using outside would lose to it.
using AddisPay.Notifications.Contracts;

/// <summary>The texts, audience and send time of a campaign as the API takes them (compose and change).</summary>
public sealed record CampaignDraftRequest(string Subject, string SubjectAm, string Body, string BodyAm, string? CategorySlug, DateTimeOffset? SendAt);

/// <summary>The rules a campaign's texts, audience and send time keep, whoever composes or changes it.</summary>
internal static class CampaignRules
{
    /// <summary>The furthest ahead a campaign may be planned.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    public static Dictionary<string, string[]> Errors(string? subject, string? subjectAm, string? body, string? bodyAm, string? categorySlug,
        DateTimeOffset? sendAt, DateTimeOffset now)
    {
        // The API's own create rules (lengths, slug, Liquid that parses), under the API's field names.
        var errors = Validation.Errors(new CreateCampaignRequest(subject?.Trim()!, subjectAm?.Trim()!, body?.Trim()!, bodyAm?.Trim()!, Blank(categorySlug)));
        if (SendAtError(sendAt, now) is { } error) errors["sendAt"] = [error];
        return errors;
    }

    public static string? SendAtError(DateTimeOffset? sendAt, DateTimeOffset now) => sendAt switch
    {
        { } at when at <= now => "Choose a time in the future, or send it now.",
        { } at when at > now + Horizon => "Choose a time within a year.",
        _ => null,
    };

    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Send times are kept to the second: a form's time read back compares equal to what it sent.</summary>
    public static DateTimeOffset? Second(DateTimeOffset? at) =>
        at is { } t ? new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : null;
}

internal sealed class ComposeCampaignHandler(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock)
    : ICommandHandler<ComposeCampaign, StaffCampaignChanged>
{
    public async ValueTask<StaffCampaignChanged> Handle(ComposeCampaign command, CancellationToken ct)
    {
        var key = command.IdempotencyKey?.Trim() ?? "";
        if (key.Length is 0 or > 100) throw new ValidationFailedException("idempotencyKey", "Send a key of up to 100 characters (one per form shown).");
        if (await ByKeyAsync(key, ct) is { } made) return new StaffCampaignChanged(made, null, Replayed: true);
        var now = clock.GetUtcNow();
        var errors = CampaignRules.Errors(command.Subject, command.SubjectAm, command.Body, command.BodyAm, command.CategorySlug, command.SendAt, now);
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(), Subject = command.Subject.Trim(), SubjectAm = command.SubjectAm.Trim(), Body = command.Body.Trim(),
            BodyAm = command.BodyAm.Trim(), CategorySlug = CampaignRules.Blank(command.CategorySlug), Status = CampaignStatus.Draft,
            SendAt = CampaignRules.Second(command.SendAt), RequestKey = key, NextSlotAt = now, CreatedAt = now, CreatedBy = command.StaffId.ToString(),
        };
        db.Campaigns.Add(campaign);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // The same form submitted twice at once: the other request made the campaign.
            db.ChangeTracker.Clear();
            return new StaffCampaignChanged((await ByKeyAsync(key, ct))!, null, Replayed: true);
        }
        return new StaffCampaignChanged(await StaffCampaigns.ViewAsync(db, quietHours, clock, campaign, ct), null, Replayed: false);
    }

    private async Task<StaffCampaign?> ByKeyAsync(string key, CancellationToken ct) =>
        await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.RequestKey == key, ct) is { } c
            ? await StaffCampaigns.ViewAsync(db, quietHours, clock, c, ct) : null;
}

internal static class ComposeCampaignEndpoint
{
    public static void MapComposeCampaign(this IEndpointRouteBuilder api) =>
        api.MapPost("/campaigns/drafts", async (CampaignDraftRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var made = await sender.Send(new ComposeCampaign(request.Subject, request.SubjectAm, request.Body, request.BodyAm, request.CategorySlug,
                    request.SendAt, user.UserId() ?? Guid.Empty, idempotencyKey ?? ""), ct);
                return made.Replayed ? Results.Ok(made.Campaign) : Results.Created($"/api/notifications/campaigns/{made.Campaign.Id}/results", made.Campaign);
            })
            .RequireAuthorization(Policies.Admin).WithName("ComposeCampaign")
            .WithSummary("Composes a draft campaign (English and Amharic, audience, optional send time); nothing goes out until it is scheduled. Requires an Idempotency-Key header.")
            .Produces<StaffCampaign>(StatusCodes.Status201Created).Produces<StaffCampaign>().ProducesValidationProblem();
}
