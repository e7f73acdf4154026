using System.Security.Claims;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.CancelOrder;

/// <param name="UserId">The customer's id; null for a staff member whose token names no customer.</param>
internal sealed record CancelOrderCommand(Guid OrderId, Guid? UserId, bool Staff, string StaffActor) : ICommand<OrderView>;

/// <summary>A customer may cancel their order until it ships (a paid order is refunded in full); staff may cancel any such order.</summary>
internal sealed class CancelOrderHandler(OrderChanges changes, OrdersDbContext db) : ICommandHandler<CancelOrderCommand, OrderView>
{
    public async ValueTask<OrderView> Handle(CancelOrderCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, command.UserId ?? Guid.Empty, command.Staff, async (order, now) =>
        {
            var ownOrder = order.CustomerId == command.UserId;
            return await Cancellation.CancelAsync(db, order, ownOrder ? OrderCancelled.ByCustomer : OrderCancelled.ByAdmin,
                ownOrder ? Actors.Customer(order.CustomerId) : command.StaffActor, now, ct);
        }, ct);
}

internal static class CancelOrderEndpoint
{
    public static void MapCancelOrder(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/cancel", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new CancelOrderCommand(orderId, user.UserId(), user.IsInRole(Roles.Admin), Actors.StaffOf(user)), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("CancelOrder")
            .WithSummary("Cancels an order that has not shipped; stock goes back and a paid order is refunded in full.")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
