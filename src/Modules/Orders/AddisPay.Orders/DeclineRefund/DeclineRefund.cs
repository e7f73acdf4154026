using System.Security.Claims;

namespace AddisPay.Orders.DeclineRefund;

internal sealed record DeclineRefundCommand(Guid OrderId, string Staff) : ICommand<OrderView>;

/// <summary>Staff decline a refund request: the order goes back to where it was.</summary>
internal sealed class DeclineRefundHandler(OrderChanges changes) : ICommandHandler<DeclineRefundCommand, OrderView>
{
    public async ValueTask<OrderView> Handle(DeclineRefundCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, (order, now) =>
        {
            if (order.Status != OrderStatus.RefundRequested) throw new ConflictException($"Order {order.Number} has no open refund request.");
            order.MoveTo(order.StatusBeforeRefundRequest ?? OrderStatus.Delivered, command.Staff, now, "Refund request declined");
            order.StatusBeforeRefundRequest = null;
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>([]);
        }, ct);
}

internal static class DeclineRefundEndpoint
{
    public static void MapDeclineRefund(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/refund-request/decline", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DeclineRefundCommand(orderId, Actors.StaffOf(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("DeclineRefund")
            .WithSummary("Staff decline a refund request; the order returns to where it was.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
