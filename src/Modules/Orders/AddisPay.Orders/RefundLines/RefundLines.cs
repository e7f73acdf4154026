using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Orders.RefundLines;

/// <summary>Units of one order line, named by its SKU.</summary>
public sealed record LineUnits(string? Sku, int Quantity);

/// <summary>Checks the lines of a per-line request; nested items get no DataAnnotations of their own, so the errors name them (lines[1].quantity).</summary>
internal static class LineUnitsRules
{
    public const int MaxLines = 100;

    public static IEnumerable<ValidationResult> Check(IReadOnlyList<LineUnits>? lines, bool allowNone)
    {
        if (lines is null || lines.Count == 0)
        {
            if (!allowNone) yield return new ValidationResult("Name at least one line: its sku and how many units.", ["Lines"]);
            yield break;
        }
        if (lines.Count > MaxLines) yield return new ValidationResult($"At most {MaxLines} lines.", ["Lines"]);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is null)
            {
                yield return new ValidationResult("A line is an object with sku and quantity.", [$"Lines[{i}]"]);
                continue;
            }
            if (string.IsNullOrWhiteSpace(lines[i].Sku) || lines[i].Sku!.Length > 64)
                yield return new ValidationResult("The line's SKU, as on the order (up to 64 characters).", [$"Lines[{i}].sku"]);
            if (lines[i].Quantity is < 1 or > 10_000)
                yield return new ValidationResult("At least 1 unit.", [$"Lines[{i}].quantity"]);
        }
    }

    public static IReadOnlyList<LineRefunds.Units> Units(IReadOnlyList<LineUnits>? lines) =>
        (lines ?? []).Select(l => new LineRefunds.Units(l.Sku!.Trim(), l.Quantity)).ToList();
}

public sealed record RefundLinesRequest(
    IReadOnlyList<LineUnits>? Lines,
    bool RefundShipping,
    [property: Required, StringLength(300, MinimumLength = 3)] string? Reason) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => LineUnitsRules.Check(Lines, allowNone: RefundShipping);
}

/// <param name="StaffId">Whose Idempotency-Keys <paramref name="IdempotencyKey"/> is among (the staff member's user id).</param>
internal sealed record RefundLinesCommand(Guid OrderId, string Staff, IReadOnlyList<LineRefunds.Units> Lines, bool RefundShipping, string Reason,
    Guid StaffId = default, string? IdempotencyKey = null) : ICommand<Keyed<OrderView>>;

/// <summary>
/// Staff give back some units of some lines of a paid order (and the shipping fee when asked): each line's share after
/// the discount with its VAT (<see cref="LineRefunds"/>), never more units than were bought and not refunded yet, never
/// more money than is left. Payments returns it and writes the credit note; the goods are not restocked here (they may
/// be with the customer, or never coming back).
/// </summary>
internal sealed class RefundLinesHandler(OrderChanges changes, OrdersDbContext db, RequestKeys keys) : ICommandHandler<RefundLinesCommand, Keyed<OrderView>>
{
    public const string Operation = "line_refund";

    public async ValueTask<Keyed<OrderView>> Handle(RefundLinesCommand command, CancellationToken ct) =>
        await keys.OnceAsync<OrderView>(Operation, command.StaffId, command.IdempotencyKey,
            new { command.OrderId, command.Lines, command.RefundShipping, command.Reason }, answered =>
                changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
                {
                    if (!order.WasPaid || order.Status is OrderStatus.Refunded or OrderStatus.Cancelled)
                        throw new ConflictException($"Order {order.Number} is {Order.Describe(order.Status)}; there is nothing to refund.")
                        {
                            Reason = Refusal.Of("order.status", ("order", order.Number), ("status", OrderView.StatusName(order.Status)), ("target", "partially_refunded"))
                        };
                    var outcome = LineRefunds.Compute(order.Lines, order.Amounts, await Refunding.EarlierAsync(db, order, ct), command.Lines, command.RefundShipping);
                    if (outcome.Breakdown is not { } breakdown) throw new ValidationFailedException(outcome.Errors);
                    return await Refunding.IssueLinesAsync(db, order, breakdown, command.Reason, command.Staff, now, OrderRefund.Refund, Guid.CreateVersion7(), ct);
                }, ct, answered), ct);
}

internal static class RefundLinesEndpoint
{
    public static void MapRefundLines(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/refunds/lines", async (Guid orderId, RefundLinesRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                ClaimsPrincipal user, ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                if (RequestKeys.Problem(idempotencyKey) is { } problem)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [problem] });
                var refunded = await sender.Send(new RefundLinesCommand(orderId, Actors.StaffOf(user), LineUnitsRules.Units(request.Lines), request.RefundShipping,
                    request.Reason!.Trim(), user.UserId() ?? Guid.Empty, idempotencyKey), ct);
                if (refunded.Replayed) response.Headers["Idempotent-Replayed"] = "true";
                return Results.Ok(refunded.Value);
            })
            .Validate<RefundLinesRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("RefundOrderLines")
            .WithSummary("Staff refund some units of some lines of a paid order (and its shipping fee when refundShipping is true): each unit's share of its " +
                "line after the discount, plus 15% VAT. Payments returns the money and issues a numbered credit note against the receipt " +
                "(GET /api/payments/invoices/{orderId}/credit-notes). More units than are left is a 400 on lines[i].quantity, an unknown SKU a 400 on " +
                "lines[i].sku, more money than is left a 409. With an Idempotency-Key header a retry refunds nothing twice (same key and body: the first " +
                "answer again with Idempotent-Replayed: true; another body: 422; still working: 409).")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
