using System.Security.Claims;

namespace AddisPay.Orders.GetOrder;

internal sealed record GetOrderQuery(Guid OrderId, Guid UserId, bool Staff) : IQuery<OrderView>;

/// <summary>An order for its customer (or staff); another customer's answers like a missing one.</summary>
internal sealed class GetOrderHandler(OrdersDbContext db) : IQueryHandler<GetOrderQuery, OrderView>
{
    public async ValueTask<OrderView> Handle(GetOrderQuery query, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.OrderId, ct);
        if (order is null || (!query.Staff && order.CustomerId != query.UserId)) throw new NotFoundException($"Order {query.OrderId} does not exist.");
        return OrderView.From(order, await db.RefundsOfAsync(order.Id, ct));
    }
}

internal static class GetOrderEndpoint
{
    public static void MapGetOrder(this IEndpointRouteBuilder api) =>
        api.MapGet("/{orderId:guid}", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetOrderQuery(orderId, user.UserId() ?? Guid.Empty, user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support)), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("GetOrder").WithSummary("An order with its lines, amounts, address, refunds and tracking timeline.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound);
}
