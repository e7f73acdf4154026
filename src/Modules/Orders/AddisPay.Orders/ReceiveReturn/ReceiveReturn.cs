using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.ReceiveReturn;

/// <param name="Outcome">restock (back on the shelf) or write_off (damaged, unsellable).</param>
public sealed record ReturnedLineOutcome(string? Sku, string? Outcome);

/// <param name="Lines">An outcome for every line of the return.</param>
public sealed record ReceiveReturnRequest(IReadOnlyList<ReturnedLineOutcome>? Lines, bool RefundShipping) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Lines is null || Lines.Count == 0)
        {
            yield return new ValidationResult("Say for every line of the return whether it is restocked or written off.", ["Lines"]);
            yield break;
        }
        for (var i = 0; i < Lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Lines[i]?.Sku)) yield return new ValidationResult("The line's SKU.", [$"Lines[{i}].sku"]);
            if (Lines[i]?.Outcome is not (ReturnOutcomes.Restock or ReturnOutcomes.WriteOff))
                yield return new ValidationResult("restock or write_off.", [$"Lines[{i}].outcome"]);
        }
    }
}

internal sealed record ReceiveReturnCommand(Guid OrderId, Guid ReturnId, string Staff, IReadOnlyList<ReturnedLineOutcome> Lines, bool RefundShipping)
    : ICommand<ReturnView>;

/// <summary>
/// Staff record the goods of an approved return arriving, every line restocked or written off, which refunds the units
/// (their share after the discount, with VAT, and the shipping fee when staff say so) with a credit note.
/// </summary>
internal sealed class ReceiveReturnHandler(OrderChanges changes, OrdersDbContext db) : ICommandHandler<ReceiveReturnCommand, ReturnView>
{
    public async ValueTask<ReturnView> Handle(ReceiveReturnCommand command, CancellationToken ct)
    {
        ReturnRequest? received = null;
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
        {
            received = await Returning.OpenAsync(db, order, command.ReturnId, ReturnStatus.Approved, ct);
            var errors = new Dictionary<string, string[]>();
            var outcomes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < command.Lines.Count; i++)
            {
                var sku = command.Lines[i].Sku!.Trim();
                if (!received.Lines.Any(l => string.Equals(l.Sku, sku, StringComparison.OrdinalIgnoreCase)))
                    errors[$"lines[{i}].sku"] = [$"The return has no line {sku}."];
                else if (!outcomes.TryAdd(sku, command.Lines[i].Outcome!))
                    errors[$"lines[{i}].sku"] = [$"{sku} is named twice."];
            }
            if (errors.Count == 0 && received.Lines.FirstOrDefault(l => !outcomes.ContainsKey(l.Sku)) is { } missing)
                errors["lines"] = [$"Say whether {missing.Sku} is restocked or written off."];
            if (errors.Count > 0) throw new ValidationFailedException(errors);
            if (!order.WasPaid || order.Status is OrderStatus.Refunded or OrderStatus.Cancelled)
                throw new ConflictException($"Order {order.Number} is {Order.Describe(order.Status)}; there is nothing to refund.");

            // Units in this return were held back from other requests; now they are refunded instead.
            var outcome = LineRefunds.Compute(order.Lines, order.Amounts, await Refunding.EarlierAsync(db, order, ct),
                received.Lines.Select(l => new LineRefunds.Units(l.Sku, l.Quantity)).ToList(), command.RefundShipping);
            if (outcome.Breakdown is not { } breakdown) throw new ValidationFailedException(outcome.Errors);
            var refundId = Guid.CreateVersion7();
            received.Status = ReturnStatus.Received;
            received.ReceivedAt = now;
            received.RefundId = refundId;
            received.Lines = received.Lines.Select(l => l with { Outcome = outcomes[l.Sku] }).ToList();
            order.Note(OrderTrackingEvents.ReturnReceived, command.Staff, now, $"Returned goods received: {string.Join(", ", received.Lines.Select(l => $"{l.Quantity} × {l.Sku} ({l.Outcome})"))}");
            var refund = await Refunding.IssueLinesAsync(db, order, breakdown, $"Return of {Returning.Units(received.Lines)}", command.Staff, now, OrderRefund.Refund, refundId, ct);
            return [new ReturnReceived(received.Id, order.Id, order.Number, order.CustomerId, received.Lines, refundId, breakdown.TotalEtb), .. refund];
        }, ct);
        return ReturnView.From(received!);
    }
}

internal static class ReceiveReturnEndpoint
{
    public static void MapReceiveReturn(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/returns/{returnId:guid}/receipt", async (Guid orderId, Guid returnId, ReceiveReturnRequest request, ClaimsPrincipal user,
                ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ReceiveReturnCommand(orderId, returnId, Actors.StaffOf(user), request.Lines!, request.RefundShipping), ct)))
            .Validate<ReceiveReturnRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("ReceiveReturn")
            .WithSummary("Staff record that the goods of an approved return arrived, each line restocked or written off (the stock ledger says " +
                "returned or written_off), which refunds the units' share after the discount with 15% VAT (and the shipping fee when " +
                "refundShipping is true) with a credit note. A line the return lacks is a 400 on lines[i].sku; a return not approved a 409.")
            .Produces<ReturnView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
