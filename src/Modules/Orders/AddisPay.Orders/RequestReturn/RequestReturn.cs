using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.RefundLines;
using Microsoft.Extensions.Options;

namespace AddisPay.Orders.RequestReturn;

public sealed record ReturnGoodsRequest(IReadOnlyList<LineUnits>? Lines, [property: Required, StringLength(500, MinimumLength = 3)] string? Reason)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => LineUnitsRules.Check(Lines, allowNone: false);
}

internal sealed record RequestReturnCommand(Guid OrderId, Guid CustomerId, IReadOnlyList<LineRefunds.Units> Lines, string Reason) : ICommand<ReturnView>;

/// <summary>
/// Returns after delivery, the first step: the customer asks within the return window (units delivered and neither refunded nor in
/// another open return), staff approve or refuse, then record the goods' arrival, every line restocked or written off,
/// which refunds the units (their share after the discount, with VAT, and the shipping fee when staff say so) with a
/// credit note. Each step is an event the customer is told of.
/// </summary>
internal sealed class RequestReturnHandler(OrderChanges changes, OrdersDbContext db, IOptions<OrdersOptions> options) : ICommandHandler<RequestReturnCommand, ReturnView>
{
    public async ValueTask<ReturnView> Handle(RequestReturnCommand command, CancellationToken ct)
    {
        ReturnRequest? made = null;
        await changes.ApplyAsync(command.OrderId, command.CustomerId, false, async (order, now) =>
        {
            var deliveredAt = ReturnWindow.DeliveredAt(order.Timeline);
            if (deliveredAt is null || order.Status is not (OrderStatus.Delivered or OrderStatus.PartiallyRefunded))
                throw new ConflictException($"Order {order.Number} is {Order.Describe(order.Status)}: only delivered goods can be returned.")
                {
                    Reason = Refusal.Of("order.status", ("order", order.Number), ("status", OrderView.StatusName(order.Status)), ("target", "returned"))
                };
            if (!ReturnWindow.IsOpen(deliveredAt, now, options.Value.ReturnWindow))
                throw new ConflictException($"Order {order.Number} was delivered more than {options.Value.ReturnWindow.TotalDays:0} days ago: it can no longer be returned.")
                {
                    Reason = Refusal.Of("return.window-closed", ("order", order.Number), ("days", options.Value.ReturnWindow.TotalDays))
                };
            var outcome = LineRefunds.Compute(order.Lines, order.Amounts, await Returning.TakenAsync(db, order, ct), command.Lines, shipping: false);
            if (outcome.Breakdown is not { } units) throw new ValidationFailedException(outcome.Errors);
            made = new ReturnRequest
            {
                Id = Guid.CreateVersion7(), OrderId = order.Id, CustomerId = order.CustomerId, Status = ReturnStatus.Requested, Reason = command.Reason,
                RequestedAt = now, Lines = units.Lines.Select(l => new ReturnLine(l.Sku, l.Name, l.NameAm, l.Quantity, null)).ToList()
            };
            db.Returns.Add(made);
            order.Note(OrderTrackingEvents.ReturnRequested, Actors.Customer(order.CustomerId), now, $"Return requested: {Returning.Units(made.Lines)}");
            return [new ReturnRequested(made.Id, order.Id, order.Number, order.CustomerId, made.Lines, command.Reason)];
        }, ct);
        return ReturnView.From(made!);
    }
}

internal static class RequestReturnEndpoint
{
    public static void MapRequestReturn(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/returns", async (Guid orderId, ReturnGoodsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                var made = await sender.Send(new RequestReturnCommand(orderId, user.UserId()!.Value, LineUnitsRules.Units(request.Lines), request.Reason!.Trim()), ct);
                return Results.Created($"/api/orders/{orderId}/returns", made);
            })
            .Validate<ReturnGoodsRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("RequestReturn")
            .WithSummary("The customer asks to send back delivered units, within the return window (AddisPay:Orders:ReturnWindow, 14 days from " +
                "delivery). More units than were delivered and not refunded or already in a return is a 400 on lines[i].quantity; an order not " +
                "delivered, or past the window, a 409. Staff then approve or refuse.")
            .Produces<ReturnView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
