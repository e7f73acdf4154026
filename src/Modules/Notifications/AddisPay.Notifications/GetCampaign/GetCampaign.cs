using AddisPay.Notifications.CreateCampaign;

namespace AddisPay.Notifications.GetCampaign;

internal sealed record GetCampaign(Guid Id) : IQuery<CampaignView>;

internal sealed class GetCampaignHandler(NotificationsDbContext db) : IQueryHandler<GetCampaign, CampaignView>
{
    public async ValueTask<CampaignView> Handle(GetCampaign query, CancellationToken ct) =>
        await ViewAsync(db, await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.Id, ct)
            ?? throw new NotFoundException("Campaign not found."), ct);

    internal static async Task<CampaignView> ViewAsync(NotificationsDbContext db, Campaign c, CancellationToken ct)
    {
        var counts = await db.Messages.Where(m => m.SourceId == c.Id).GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Status, x => x.Count, ct);
        return new CampaignView(c.Id, c.Subject, c.SubjectAm, c.CategorySlug, c.Status, c.Recipients,
            MessageStatus.All.ToDictionary(s => s, s => counts.GetValueOrDefault(s)), c.CreatedAt, c.AudienceCompletedAt);
    }
}

internal static class GetCampaignEndpoint
{
    public static void MapGetCampaign(this IEndpointRouteBuilder api)
    {
        api.MapGet("/campaigns/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetCampaign(id), ct)))
            .RequireAuthorization(Policies.Admin).WithName("GetCampaign").WithSummary("A campaign's audience and how many of its messages are queued, sent, failed or dead.")
            .Produces<CampaignView>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
