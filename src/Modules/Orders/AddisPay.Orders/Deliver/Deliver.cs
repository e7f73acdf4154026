using System.Security.Claims;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Deliver;

internal sealed record DeliverCommand(Guid OrderId, string Staff) : ICommand<OrderView>;

/// <summary>The customer received the order: what actually left the warehouse is announced as delivered.</summary>
internal sealed class DeliverHandler(OrderChanges changes, OrdersDbContext db) : ICommandHandler<DeliverCommand, OrderView>
{
    public async ValueTask<OrderView> Handle(DeliverCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
        {
            order.MoveTo(OrderStatus.Delivered, command.Staff, now, "Delivered");
            // Units cancelled before shipping stayed in the warehouse (whether or not their refund went through yet).
            var cancelled = await db.Refunds.AsNoTracking().Where(r => r.OrderId == order.Id && r.Kind == OrderRefund.Cancellation).ToListAsync(ct);
            return [new OrderDelivered(order.Id, order.Number, order.CustomerId, ShippedUnits.Of(order.Lines, cancelled.SelectMany(r => r.Lines)))];
        }, ct);
}

internal static class DeliverEndpoint
{
    public static void MapDeliver(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/delivery", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DeliverCommand(orderId, Actors.StaffOf(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("DeliverOrder").WithSummary("The customer received the order.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
