using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.Data;
using AddisPay.Orders.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Orders.Fulfilment;

public sealed record ShipRequest(
    [property: Required, StringLength(60, MinimumLength = 2)] string? Carrier,
    [property: Required, StringLength(60, MinimumLength = 3), RegularExpression("^[A-Za-z0-9-]+$", ErrorMessage = "Letters, digits and dashes only.")] string? TrackingNumber);

internal sealed record StartProcessingCommand(Guid OrderId, string Staff) : ICommand<OrderView>;
internal sealed record ShipCommand(Guid OrderId, string Staff, string Carrier, string TrackingNumber) : ICommand<OrderView>;
internal sealed record DeliverCommand(Guid OrderId, string Staff) : ICommand<OrderView>;

/// <summary>Staff move a paid order through the warehouse: processing, shipped (carrier and tracking number), delivered.</summary>
internal sealed class FulfilmentHandlers(OrderChanges changes, OrdersDbContext db)
    : ICommandHandler<StartProcessingCommand, OrderView>, ICommandHandler<ShipCommand, OrderView>, ICommandHandler<DeliverCommand, OrderView>
{
    public async ValueTask<OrderView> Handle(StartProcessingCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, (order, now) =>
        {
            order.MoveTo(OrderStatus.Processing, command.Staff, now, "Being prepared");
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>([]);
        }, ct);

    public async ValueTask<OrderView> Handle(ShipCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, (order, now) =>
        {
            order.MoveTo(OrderStatus.Shipped, command.Staff, now, $"Shipped with {command.Carrier}, tracking {command.TrackingNumber}");
            order.Carrier = command.Carrier;
            order.TrackingNumber = command.TrackingNumber;
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>(
                [new OrderShipped(order.Id, order.Number, order.CustomerId, command.Carrier, command.TrackingNumber)]);
        }, ct);

    public async ValueTask<OrderView> Handle(DeliverCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
        {
            order.MoveTo(OrderStatus.Delivered, command.Staff, now, "Delivered");
            // Units cancelled before shipping stayed in the warehouse (whether or not their refund went through yet).
            var cancelled = await db.Refunds.AsNoTracking().Where(r => r.OrderId == order.Id && r.Kind == OrderRefund.Cancellation).ToListAsync(ct);
            return [new OrderDelivered(order.Id, order.Number, order.CustomerId, ShippedUnits.Of(order.Lines, cancelled.SelectMany(r => r.Lines)))];
        }, ct);
}

/// <summary>What actually left the warehouse: each line less its units cancelled before shipping; a line cancelled whole is gone.</summary>
internal static class ShippedUnits
{
    /// <remarks>A line's total is its agreed unit price times the units shipped (VAT-exclusive, before the order's discount, as on the order).</remarks>
    public static IReadOnlyList<OrderLine> Of(IReadOnlyList<OrderLine> lines, IEnumerable<RefundLine> cancelled)
    {
        var gone = cancelled.GroupBy(l => l.Sku, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.OrdinalIgnoreCase);
        return lines.Select(l => (Line: l, Left: l.Quantity - gone.GetValueOrDefault(l.Sku)))
            .Where(x => x.Left > 0)
            .Select(x => x.Left == x.Line.Quantity ? x.Line : x.Line with { Quantity = x.Left, LineTotalEtb = x.Line.UnitPriceEtb * x.Left })
            .ToList();
    }
}

internal static class FulfilmentEndpoints
{
    public static void MapFulfilment(this IEndpointRouteBuilder api)
    {
        api.MapPost("/{orderId:guid}/processing", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new StartProcessingCommand(orderId, Actors.StaffOf(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("StartProcessing").WithSummary("A paid order is being prepared.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{orderId:guid}/shipment", async (Guid orderId, ShipRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ShipCommand(orderId, Actors.StaffOf(user), request.Carrier!.Trim(), request.TrackingNumber!.Trim()), ct)))
            .Validate<ShipRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("ShipOrder").WithSummary("The order left the warehouse with a carrier and tracking number.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{orderId:guid}/delivery", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DeliverCommand(orderId, Actors.StaffOf(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("DeliverOrder").WithSummary("The customer received the order.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
