using AddisPay.Notifications.GetCampaignResults;

namespace AddisPay.Notifications.ListCampaigns;

// Inside the namespace: the folder shares the contract's name, and a using outside would lose to it.
using AddisPay.Notifications.Contracts;

internal sealed class ListCampaignsHandler(NotificationsDbContext db, QuietHours quietHours, TimeProvider clock) : IQueryHandler<ListCampaigns, StaffCampaignPage>
{
    public async ValueTask<StaffCampaignPage> Handle(ListCampaigns query, CancellationToken ct)
    {
        if (Paging.Errors(query.Page, query.PageSize) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var total = await db.Campaigns.CountAsync(ct);
        var page = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new StaffCampaignPage(await StaffCampaigns.ViewsAsync(db, quietHours, clock, page, ct), total, query.Page, query.PageSize);
    }
}

internal static class ListCampaignsEndpoint
{
    public static void MapListCampaigns(this IEndpointRouteBuilder api) =>
        api.MapGet("/campaigns", async (int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ListCampaigns(page ?? 1, pageSize ?? 25), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ListCampaigns")
            .WithSummary("Campaigns newest first with status and results (page from 1, pageSize up to 100).")
            .Produces<StaffCampaignPage>().ProducesValidationProblem();
}
