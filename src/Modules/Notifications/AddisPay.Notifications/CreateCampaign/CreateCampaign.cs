using System.ComponentModel.DataAnnotations;
using System.Security.Claims;

namespace AddisPay.Notifications.CreateCampaign;

public sealed record CreateCampaignRequest(
    [property: Required, StringLength(200, MinimumLength = 3)] string Subject,
    [property: Required, StringLength(200, MinimumLength = 3)] string SubjectAm,
    [property: Required, StringLength(10000, MinimumLength = 3)] string Body,
    [property: Required, StringLength(10000, MinimumLength = 3)] string BodyAm,
    [property: StringLength(100), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a category slug (lower-case letters, digits and dashes).")]
    string? CategorySlug) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, text) in new[] { (nameof(Subject), Subject), (nameof(SubjectAm), SubjectAm), (nameof(Body), Body), (nameof(BodyAm), BodyAm) })
            if (text is not null && !MessageTemplates.TryParse(text, out var error))
                yield return new ValidationResult($"Not a valid template: {error}", [name]);
    }
}

public sealed record CampaignView(Guid Id, string Subject, string SubjectAm, string? CategorySlug, string Status, int Recipients,
    IReadOnlyDictionary<string, int> Messages, DateTimeOffset CreatedAt, DateTimeOffset? AudienceCompletedAt);

internal sealed record CreateCampaign(CreateCampaignRequest Request, string? CreatedBy) : ICommand<CampaignView>;

internal sealed class CreateCampaignHandler(NotificationsDbContext db, TimeProvider clock) : ICommandHandler<CreateCampaign, CampaignView>
{
    public async ValueTask<CampaignView> Handle(CreateCampaign command, CancellationToken ct)
    {
        var r = command.Request;
        var now = clock.GetUtcNow();
        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(), Subject = r.Subject.Trim(), SubjectAm = r.SubjectAm.Trim(), Body = r.Body.Trim(), BodyAm = r.BodyAm.Trim(),
            CategorySlug = string.IsNullOrWhiteSpace(r.CategorySlug) ? null : r.CategorySlug, Status = CampaignStatus.Pending,
            NextSlotAt = now, CreatedAt = now, CreatedBy = command.CreatedBy, SendAt = now,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        return await AddisPay.Notifications.GetCampaign.GetCampaignHandler.ViewAsync(db, campaign, ct);
    }
}

internal static class CampaignEndpoints
{
    public static void MapCreateCampaign(this IEndpointRouteBuilder api)
    {
        api.MapPost("/campaigns", async (CreateCampaignRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var view = await sender.Send(new CreateCampaign(request, user.FindFirst("sub")?.Value), ct);
                return Results.Accepted($"/api/notifications/campaigns/{view.Id}", view);
            })
            .Validate<CreateCampaignRequest>().RequireAuthorization(Policies.Admin).WithName("CreateCampaign")
            .WithSummary("Sends a promotional email (English and Amharic) to customers who opted in, optionally only past buyers of a category, at a bounded rate.")
            .Produces<CampaignView>(StatusCodes.Status202Accepted);
    }
}
