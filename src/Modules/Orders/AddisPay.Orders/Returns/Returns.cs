using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.Data;
using AddisPay.Orders.Domain;
using AddisPay.Orders.RefundLines;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddisPay.Orders.Returns;

public sealed record ReturnGoodsRequest(IReadOnlyList<LineUnits>? Lines, [property: Required, StringLength(500, MinimumLength = 3)] string? Reason)
    : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => LineUnitsRules.Check(Lines, allowNone: false);
}

public sealed record RefuseReturnRequest([property: Required, StringLength(300, MinimumLength = 3)] string? Reason);

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

internal sealed record RequestReturnCommand(Guid OrderId, Guid CustomerId, IReadOnlyList<LineRefunds.Units> Lines, string Reason) : ICommand<ReturnView>;
internal sealed record DecideReturnCommand(Guid OrderId, Guid ReturnId, string Staff, string? RefusalReason) : ICommand<ReturnView>;
internal sealed record ReceiveReturnCommand(Guid OrderId, Guid ReturnId, string Staff, IReadOnlyList<ReturnedLineOutcome> Lines, bool RefundShipping)
    : ICommand<ReturnView>;
internal sealed record OrderReturnsQuery(Guid OrderId, Guid UserId, bool Staff) : IQuery<IReadOnlyList<ReturnView>>;

/// <summary>
/// Returns after delivery: the customer asks within the return window (units delivered and neither refunded nor in
/// another open return), staff approve or refuse, then record the goods' arrival, every line restocked or written off,
/// which refunds the units (their share after the discount, with VAT, and the shipping fee when staff say so) with a
/// credit note. Each step is an event the customer is told of.
/// </summary>
internal sealed class ReturnHandlers(OrderChanges changes, OrdersDbContext db, IOptions<OrdersOptions> options, TimeProvider clock) :
    ICommandHandler<RequestReturnCommand, ReturnView>, ICommandHandler<DecideReturnCommand, ReturnView>,
    ICommandHandler<ReceiveReturnCommand, ReturnView>, IQueryHandler<OrderReturnsQuery, IReadOnlyList<ReturnView>>,
    IQueryHandler<GetCustomerReturns, CustomerOrderReturns>, ICommandHandler<RequestCustomerReturn, CustomerReturn>
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
            var outcome = LineRefunds.Compute(order.Lines, order.Amounts, await TakenAsync(order, ct), command.Lines, shipping: false);
            if (outcome.Breakdown is not { } units) throw new ValidationFailedException(outcome.Errors);
            made = new ReturnRequest
            {
                Id = Guid.CreateVersion7(), OrderId = order.Id, CustomerId = order.CustomerId, Status = ReturnStatus.Requested, Reason = command.Reason,
                RequestedAt = now, Lines = units.Lines.Select(l => new ReturnLine(l.Sku, l.Name, l.NameAm, l.Quantity, null)).ToList()
            };
            db.Returns.Add(made);
            order.Note(OrderTrackingEvents.ReturnRequested, Actors.Customer(order.CustomerId), now, $"Return requested: {Units(made.Lines)}");
            return [new ReturnRequested(made.Id, order.Id, order.Number, order.CustomerId, made.Lines, command.Reason)];
        }, ct);
        return ReturnView.From(made!);
    }

    public async ValueTask<ReturnView> Handle(DecideReturnCommand command, CancellationToken ct)
    {
        ReturnRequest? decided = null;
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
        {
            decided = await OpenReturnAsync(order, command.ReturnId, ReturnStatus.Requested, ct);
            decided.DecidedBy = command.Staff;
            decided.DecidedAt = now;
            if (command.RefusalReason is { } why)
            {
                decided.Status = ReturnStatus.Refused;
                decided.RefusalReason = why;
                order.Note(OrderTrackingEvents.ReturnRefused, command.Staff, now, $"Return refused: {why}");
                return [new ReturnRefused(decided.Id, order.Id, order.Number, order.CustomerId, why)];
            }
            decided.Status = ReturnStatus.Approved;
            order.Note(OrderTrackingEvents.ReturnApproved, command.Staff, now, $"Return approved: {Units(decided.Lines)}");
            return [new ReturnApproved(decided.Id, order.Id, order.Number, order.CustomerId, decided.Lines)];
        }, ct);
        return ReturnView.From(decided!);
    }

    public async ValueTask<ReturnView> Handle(ReceiveReturnCommand command, CancellationToken ct)
    {
        ReturnRequest? received = null;
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
        {
            received = await OpenReturnAsync(order, command.ReturnId, ReturnStatus.Approved, ct);
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
            var refund = await Refunding.IssueLinesAsync(db, order, breakdown, $"Return of {Units(received.Lines)}", command.Staff, now, OrderRefund.Refund, refundId, ct);
            return [new ReturnReceived(received.Id, order.Id, order.Number, order.CustomerId, received.Lines, refundId, breakdown.TotalEtb), .. refund];
        }, ct);
        return ReturnView.From(received!);
    }

    public async ValueTask<IReadOnlyList<ReturnView>> Handle(OrderReturnsQuery query, CancellationToken ct)
    {
        var owner = await db.Orders.AsNoTracking().Where(o => o.Id == query.OrderId).Select(o => (Guid?)o.CustomerId).FirstOrDefaultAsync(ct);
        if (owner is null || (!query.Staff && owner != query.UserId)) throw new NotFoundException($"Order {query.OrderId} does not exist.");
        return (await db.Returns.AsNoTracking().Where(r => r.OrderId == query.OrderId).OrderBy(r => r.RequestedAt).ToListAsync(ct)).Select(ReturnView.From).ToList();
    }

    public async ValueTask<CustomerOrderReturns> Handle(GetCustomerReturns query, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.OrderId && o.CustomerId == query.UserId, ct)
            ?? throw new NotFoundException($"Order {query.OrderId} does not exist.");
        var returns = await db.Returns.AsNoTracking().Where(r => r.OrderId == order.Id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var refundIds = returns.Where(r => r.RefundId != null).Select(r => r.RefundId!.Value).ToList();
        var refunds = refundIds.Count == 0 ? new Dictionary<Guid, decimal>()
            : await db.Refunds.AsNoTracking().Where(r => refundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.AmountEtb, ct);
        var made = returns.Select(r => new CustomerReturn(r.Id, r.Status.ToString().ToLowerInvariant(), r.Lines, r.Reason, r.RequestedAt, r.RefusalReason,
            r.RefundId is { } id && refunds.TryGetValue(id, out var etb) ? etb : null)).ToList();

        var deliveredAt = ReturnWindow.DeliveredAt(order.Timeline);
        if (deliveredAt is null) return new CustomerOrderReturns(made, [], null);
        var until = deliveredAt.Value + options.Value.ReturnWindow;
        if (order.Status is not (OrderStatus.Delivered or OrderStatus.PartiallyRefunded) || !ReturnWindow.IsOpen(deliveredAt, clock.GetUtcNow(), options.Value.ReturnWindow))
            return new CustomerOrderReturns(made, [], until);
        var taken = await TakenAsync(order, ct);
        var returnable = order.Lines.Select(l => new ReturnableUnits(l.Sku, l.Name, l.NameAm, l.Quantity - taken.QuantityOf(l.Sku)))
            .Where(l => l.Quantity > 0).ToList();
        return new CustomerOrderReturns(made, returnable, until);
    }

    public async ValueTask<CustomerReturn> Handle(RequestCustomerReturn command, CancellationToken ct)
    {
        // The API's own request rules: a Contracts request arrives without the endpoint's validation filter.
        var request = new ReturnGoodsRequest(command.Lines?.Select(l => new LineUnits(l.Sku, l.Quantity)).ToList(), command.Reason);
        if (Validation.Errors(request) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var made = await Handle(new RequestReturnCommand(command.OrderId, command.UserId, LineUnitsRules.Units(request.Lines), request.Reason!.Trim()), ct);
        return new CustomerReturn(made.Id, made.Status, made.Lines, made.Reason, made.RequestedAt, made.RefusalReason, null);
    }

    /// <summary>Units refunded or under way, and units in returns still open: what a new return can't ask for again.</summary>
    private async Task<LineRefunds.Earlier> TakenAsync(Order order, CancellationToken ct)
    {
        var earlier = await Refunding.EarlierAsync(db, order, ct);
        var open = await db.Returns.AsNoTracking()
            .Where(r => r.OrderId == order.Id && (r.Status == ReturnStatus.Requested || r.Status == ReturnStatus.Approved)).ToListAsync(ct);
        var quantities = new Dictionary<string, int>(earlier.Quantities, StringComparer.OrdinalIgnoreCase);
        foreach (var line in open.SelectMany(r => r.Lines)) quantities[line.Sku] = quantities.GetValueOrDefault(line.Sku) + line.Quantity;
        return earlier with { Quantities = quantities };
    }

    private async Task<ReturnRequest> OpenReturnAsync(Order order, Guid returnId, ReturnStatus expected, CancellationToken ct)
    {
        var request = await db.Returns.FirstOrDefaultAsync(r => r.Id == returnId && r.OrderId == order.Id, ct)
            ?? throw new NotFoundException($"Order {order.Number} has no return {returnId}.");
        if (request.Status != expected)
            throw new ConflictException($"Return {returnId} is {request.Status.ToString().ToLowerInvariant()}, not {expected.ToString().ToLowerInvariant()}.")
            {
                Reason = Refusal.Of("return.status", ("order", order.Number), ("status", request.Status.ToString().ToLowerInvariant()))
            };
        return request;
    }

    private static string Units(IEnumerable<ReturnLine> lines) => string.Join(", ", lines.Select(l => $"{l.Quantity} × {l.Sku}"));
}

/// <summary>
/// Returned goods go to Products' books: restocked units back on the shelf (ledger reason returned), written-off units
/// recorded (written_off) without coming back. Keyed by the return (restock) and its refund (write-off), so a redelivered
/// event records nothing twice.
/// </summary>
internal sealed class BookReturnedGoods(ISender sender, ILogger<BookReturnedGoods> log) : IIntegrationEventHandler<ReturnReceived>
{
    public async Task HandleAsync(ReturnReceived e, IntegrationEventContext context, CancellationToken ct)
    {
        foreach (var (returnId, outcome, reason) in new[] { (e.ReturnId, ReturnOutcomes.Restock, ReturnSoldUnits.Returned), (e.RefundId, ReturnOutcomes.WriteOff, ReturnSoldUnits.WrittenOff) })
        {
            var lines = e.Lines.Where(l => l.Outcome == outcome).Select(l => new StockLine(l.Sku, l.Quantity)).ToList();
            if (lines.Count == 0) continue;
            try
            {
                await sender.Send(new ReturnSoldUnits(returnId, e.OrderId, lines, reason, $"Order {e.OrderNumber}: returned after delivery"), ct);
            }
            catch (BusinessRuleException ex) when (ex is ConflictException or NotFoundException)
            {
                // The sale is not in Products' books as sold (an order from before reservations, or settled some other way):
                // retrying can't change that, and the refund stands on its own.
                log.LogWarning(ex, "The returned units of order {Order} could not be booked ({Reason})", e.OrderNumber, reason);
            }
        }
    }
}

internal static class ReturnEndpoints
{
    public static void MapReturns(this IEndpointRouteBuilder api)
    {
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

        api.MapGet("/{orderId:guid}/returns", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new OrderReturnsQuery(orderId, user.UserId() ?? Guid.Empty, user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support)), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("ReturnsOfOrder")
            .WithSummary("The returns of an order, oldest first: the customer's own orders (another's answers 404), staff any.")
            .Produces<List<ReturnView>>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{orderId:guid}/returns/{returnId:guid}/approve", async (Guid orderId, Guid returnId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DecideReturnCommand(orderId, returnId, Actors.StaffOf(user), null), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("ApproveReturn")
            .WithSummary("Staff accept a requested return: the customer sends the goods back. A return not waiting for a decision is a 409.")
            .Produces<ReturnView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{orderId:guid}/returns/{returnId:guid}/refuse", async (Guid orderId, Guid returnId, RefuseReturnRequest request, ClaimsPrincipal user,
                ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DecideReturnCommand(orderId, returnId, Actors.StaffOf(user), request.Reason!.Trim()), ct)))
            .Validate<RefuseReturnRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("RefuseReturn")
            .WithSummary("Staff refuse a requested return, saying why; its units may be asked for again. A return not waiting for a decision is a 409.")
            .Produces<ReturnView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

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
}
