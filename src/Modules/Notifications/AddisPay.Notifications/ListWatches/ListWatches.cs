using System.Security.Claims;

namespace AddisPay.Notifications.ListWatches;

internal sealed record ListWatchesQuery(Guid UserId) : IQuery<IReadOnlyList<WatchView>>;

internal sealed class ListWatchesHandler(NotificationsDbContext db) : IQueryHandler<ListWatchesQuery, IReadOnlyList<WatchView>>
{
    public async ValueTask<IReadOnlyList<WatchView>> Handle(ListWatchesQuery query, CancellationToken ct) =>
        (await db.Watches.AsNoTracking().Where(w => w.UserId == query.UserId).OrderByDescending(w => w.CreatedAt).ToListAsync(ct))
        .Select(w => w.ToView()).ToList();
}

internal static class ListWatchesEndpoint
{
    public static void MapListWatches(this IEndpointRouteBuilder api) =>
        api.MapGet("/watches", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ListWatchesQuery(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer).WithName("ListWatches").WithSummary("The products the signed-in customer is waiting for.")
            .Produces<IReadOnlyList<WatchView>>();
}
