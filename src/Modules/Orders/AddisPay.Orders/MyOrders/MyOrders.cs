using System.Security.Claims;

namespace AddisPay.Orders.MyOrders;

internal sealed record MyOrdersQuery(Guid CustomerId, int Page, int PageSize) : IQuery<OrderPage>;

/// <summary>The signed-in customer's orders, newest first.</summary>
internal sealed class MyOrdersHandler(OrdersDbContext db) : IQueryHandler<MyOrdersQuery, OrderPage>
{
    public async ValueTask<OrderPage> Handle(MyOrdersQuery query, CancellationToken ct) =>
        await OrderPaging.PageAsync(db.Orders.AsNoTracking().Where(o => o.CustomerId == query.CustomerId), query.Page, query.PageSize, ct);
}

internal static class MyOrdersEndpoint
{
    public static void MapMyOrders(this IEndpointRouteBuilder api) =>
        api.MapGet("/", async (int? page, int? pageSize, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Paging.Errors(page, pageSize) is { Count: > 0 } errors ? Results.ValidationProblem(errors)
                    : Results.Ok(await sender.Send(new MyOrdersQuery(user.UserId()!.Value, page ?? 1, pageSize ?? 20), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("MyOrders").WithSummary("The signed-in customer's orders, newest first.")
            .Produces<OrderPage>().ProducesValidationProblem();
}
