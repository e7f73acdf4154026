using System.ComponentModel.DataAnnotations;
using System.Security.Claims;

namespace AddisPay.Orders.RequestRefund;

public sealed record RefundRequestRequest([property: Required, StringLength(500, MinimumLength = 3)] string? Reason);

internal sealed record RequestRefundCommand(Guid OrderId, Guid CustomerId, string Reason) : ICommand<OrderView>;

/// <summary>A customer asks for their money back after payment: the order is marked refund requested until staff decide.</summary>
internal sealed class RequestRefundHandler(OrderChanges changes) : ICommandHandler<RequestRefundCommand, OrderView>
{
    public async ValueTask<OrderView> Handle(RequestRefundCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, command.CustomerId, false, (order, now) =>
        {
            var before = order.Status;
            order.MoveTo(OrderStatus.RefundRequested, Actors.Customer(command.CustomerId), now, command.Reason);
            order.StatusBeforeRefundRequest = before;
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>([]);
        }, ct);
}

internal static class RequestRefundEndpoint
{
    public static void MapRequestRefund(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/refund-request", async (Guid orderId, RefundRequestRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new RequestRefundCommand(orderId, user.UserId()!.Value, request.Reason!), ct)))
            .Validate<RefundRequestRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("RequestRefund")
            .WithSummary("The customer asks for their money back (after payment).")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
