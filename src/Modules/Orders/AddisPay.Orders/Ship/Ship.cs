using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Ship;

public sealed record ShipRequest(
    [property: Required, StringLength(60, MinimumLength = 2)] string? Carrier,
    [property: Required, StringLength(60, MinimumLength = 3), RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Letters, digits and dashes only.")] string? TrackingNumber);

internal sealed record ShipCommand(Guid OrderId, string Staff, string Carrier, string TrackingNumber) : ICommand<OrderView>;

/// <summary>The order left the warehouse with a carrier and a tracking number.</summary>
internal sealed class ShipHandler(OrderChanges changes) : ICommandHandler<ShipCommand, OrderView>
{
    public async ValueTask<OrderView> Handle(ShipCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, (order, now) =>
        {
            order.MoveTo(OrderStatus.Shipped, command.Staff, now, $"Shipped with {command.Carrier}, tracking {command.TrackingNumber}");
            order.Carrier = command.Carrier;
            order.TrackingNumber = command.TrackingNumber;
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>(
                [new OrderShipped(order.Id, order.Number, order.CustomerId, command.Carrier, command.TrackingNumber)]);
        }, ct);
}

internal static class ShipEndpoint
{
    public static void MapShip(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/shipment", async (Guid orderId, ShipRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ShipCommand(orderId, Actors.StaffOf(user), request.Carrier!.Trim(), request.TrackingNumber!.Trim()), ct)))
            .Validate<ShipRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("ShipOrder").WithSummary("The order left the warehouse with a carrier and tracking number.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
