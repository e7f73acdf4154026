using System.Security.Claims;

namespace AddisPay.Orders.ReturnsOfOrder;

internal sealed record OrderReturnsQuery(Guid OrderId, Guid UserId, bool Staff) : IQuery<IReadOnlyList<ReturnView>>;

/// <summary>The returns of an order, oldest first: the customer's own orders (another's answers like a missing one), staff any.</summary>
internal sealed class ReturnsOfOrderHandler(OrdersDbContext db) : IQueryHandler<OrderReturnsQuery, IReadOnlyList<ReturnView>>
{
    public async ValueTask<IReadOnlyList<ReturnView>> Handle(OrderReturnsQuery query, CancellationToken ct)
    {
        var owner = await db.Orders.AsNoTracking().Where(o => o.Id == query.OrderId).Select(o => (Guid?)o.CustomerId).FirstOrDefaultAsync(ct);
        if (owner is null || (!query.Staff && owner != query.UserId)) throw new NotFoundException($"Order {query.OrderId} does not exist.");
        return (await db.Returns.AsNoTracking().Where(r => r.OrderId == query.OrderId).OrderBy(r => r.RequestedAt).ToListAsync(ct)).Select(ReturnView.From).ToList();
    }
}

internal static class ReturnsOfOrderEndpoint
{
    public static void MapReturnsOfOrder(this IEndpointRouteBuilder api) =>
        api.MapGet("/{orderId:guid}/returns", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new OrderReturnsQuery(orderId, user.UserId() ?? Guid.Empty, user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support)), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("ReturnsOfOrder")
            .WithSummary("The returns of an order, oldest first: the customer's own orders (another's answers 404), staff any.")
            .Produces<List<ReturnView>>().ProducesProblem(StatusCodes.Status404NotFound);
}
