using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Orders.CancelOrder;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.RefundLines;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Orders.CancelLines;

public sealed record CancelLinesRequest(IReadOnlyList<LineUnits>? Lines) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => LineUnitsRules.Check(Lines, allowNone: false);
}

/// <param name="UserId">The customer's id; null for a staff member whose token names no customer.</param>
/// <param name="CallerId">Whose Idempotency-Keys <paramref name="IdempotencyKey"/> is among.</param>
internal sealed record CancelLinesCommand(Guid OrderId, Guid? UserId, bool Staff, string StaffActor, IReadOnlyList<LineRefunds.Units> Lines,
    Guid CallerId = default, string? IdempotencyKey = null) : ICommand<Keyed<OrderView>>;

/// <summary>
/// Cancels some units of a paid order that has not shipped (the customer their own order, staff any): the units go back
/// on the shelf as a whole cancellation's do (OrderLinesCancelled → Products, ledger reason cancelled_before_shipping) and
/// their share is refunded with its VAT (a credit note follows). The rest of the order goes on. Cancelling every unit
/// left is cancelling the order.
/// </summary>
internal sealed class CancelLinesHandler(OrderChanges changes, OrdersDbContext db, RequestKeys keys) : ICommandHandler<CancelLinesCommand, Keyed<OrderView>>
{
    public const string Operation = "line_cancellation";

    public async ValueTask<Keyed<OrderView>> Handle(CancelLinesCommand command, CancellationToken ct) =>
        await keys.OnceAsync<OrderView>(Operation, command.CallerId, command.IdempotencyKey, new { command.OrderId, command.Lines }, answered =>
            changes.ApplyAsync(command.OrderId, command.UserId ?? Guid.Empty, command.Staff, async (order, now) =>
            {
                var ownOrder = order.CustomerId == command.UserId;
                var actor = ownOrder ? Actors.Customer(order.CustomerId) : command.StaffActor;
                if (order.Status is not (OrderStatus.Paid or OrderStatus.Processing))
                    throw new ConflictException($"Order {order.Number} is {Order.Describe(order.Status)}: only a paid order that has not shipped can have lines cancelled.")
                    {
                        Reason = Refusal.Of("order.status", ("order", order.Number), ("status", OrderView.StatusName(order.Status)), ("target", "cancelled"))
                    };
                var earlier = await Refunding.EarlierAsync(db, order, ct);
                var outcome = LineRefunds.Compute(order.Lines, order.Amounts, earlier, command.Lines, shipping: false);
                if (outcome.Breakdown is not { } breakdown) throw new ValidationFailedException(outcome.Errors);
                if (LineRefunds.CoversEveryUnitLeft(order.Lines, earlier, command.Lines))
                    return await Cancellation.CancelAsync(db, order, ownOrder ? OrderCancelled.ByCustomer : OrderCancelled.ByAdmin, actor, now, ct);

                var refundId = Guid.CreateVersion7();
                var units = string.Join(", ", breakdown.Lines.Select(l => $"{l.Quantity} × {l.Sku}"));
                order.Note(OrderTrackingEvents.LinesCancelled, actor, now, $"Cancelled before shipping: {units}");
                var refund = await Refunding.IssueLinesAsync(db, order, breakdown, $"Cancelled before shipping: {units}", actor, now,
                    OrderRefund.Cancellation, refundId, ct);
                return [new OrderLinesCancelled(order.Id, order.Number, order.CustomerId, refundId, breakdown.Lines, breakdown.TotalEtb, actor), .. refund];
            }, ct, answered), ct);
}

internal static class CancelLinesEndpoint
{
    public static void MapCancelLines(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/cancel/lines", async (Guid orderId, CancelLinesRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                ClaimsPrincipal user, ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                if (RequestKeys.Problem(idempotencyKey) is { } problem)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [problem] });
                var caller = user.UserId() ?? Guid.Empty;
                var cancelled = await sender.Send(new CancelLinesCommand(orderId, user.UserId(), user.IsInRole(Roles.Admin), Actors.StaffOf(user),
                    LineUnitsRules.Units(request.Lines), caller, idempotencyKey), ct);
                if (cancelled.Replayed) response.Headers["Idempotent-Replayed"] = "true";
                return Results.Ok(cancelled.Value);
            })
            .Validate<CancelLinesRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("CancelOrderLines")
            .WithSummary("Cancels some units of a paid order that has not shipped (the customer their own order, staff any): the units go back to stock " +
                "and their share after the discount, with 15% VAT, is refunded with a credit note; the rest of the order goes on. Cancelling every unit " +
                "left cancels the order. More units than are left is a 400 on lines[i].quantity, an unknown SKU a 400 on lines[i].sku, a shipped order " +
                "a 409. Idempotency-Key as on refunds.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
