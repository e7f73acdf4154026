namespace AddisPay.Orders.ListCoupons;

internal sealed record ListCouponsQuery : IQuery<IReadOnlyList<CouponView>>;

/// <summary>The API's list: the newest 500 coupons.</summary>
internal sealed class ListCouponsHandler(OrdersDbContext db) : IQueryHandler<ListCouponsQuery, IReadOnlyList<CouponView>>
{
    public async ValueTask<IReadOnlyList<CouponView>> Handle(ListCouponsQuery query, CancellationToken ct) =>
        (await db.Coupons.AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(500).ToListAsync(ct)).Select(CouponView.From).ToList();
}

internal static class ListCouponsEndpoint
{
    public static void MapListCoupons(this IEndpointRouteBuilder api) =>
        api.MapGroup("/coupons").RequireAuthorization(Policies.Admin).WithTags("coupons")
            .MapGet("/", async (ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new ListCouponsQuery(), ct)))
            .WithName("ListCoupons").WithSummary("All coupons with their use so far.").Produces<IReadOnlyList<CouponView>>();
}
