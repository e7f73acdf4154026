using AddisPay.Orders.CancelOrder;
using AddisPay.Orders.Contracts;
using AddisPay.Orders.Data;
using AddisPay.Orders.Fulfilment;
using AddisPay.Orders.Domain;
using AddisPay.Orders.OrderHistory;
using AddisPay.Orders.RefundLines;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;
using AddisPay.Orders.Refunds;

namespace AddisPay.Orders.StaffOrderRequests;

/// <summary>
/// Orders' admin API as a back office (another module) calls it for a staff member whose role it checked: the very
/// commands and queries the HTTP endpoints run, so the rules are one. Input is checked with the API's own request rules,
/// since these requests arrive without the API's validation filter. Every change is keyed, so a double submit of a
/// form does one thing: the status moves through <see cref="RequestKeys"/> here, the refunds through their own keys.
/// </summary>
internal sealed class StaffOrderRequests(ISender sender, RequestKeys keys, OrdersDbContext db) :
    IQueryHandler<SearchStaffOrders, StaffOrderPage>,
    IQueryHandler<GetStaffOrder, StaffOrder?>,
    IQueryHandler<GetSalesSummary, SalesSummary>,
    ICommandHandler<StartOrderProcessing, StaffOrderChanged>,
    ICommandHandler<ShipOrder, StaffOrderChanged>,
    ICommandHandler<DeliverOrder, StaffOrderChanged>,
    ICommandHandler<CancelOrderForCustomer, StaffOrderChanged>,
    ICommandHandler<RefundOrderAmount, StaffOrderChanged>,
    ICommandHandler<RefundOrderLines, StaffOrderChanged>
{
    public async ValueTask<StaffOrderPage> Handle(SearchStaffOrders query, CancellationToken ct)
    {
        var errors = Paging.Errors(query.Page, query.PageSize);
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(query.Status))
        {
            if (OrderView.TryParseStatus(query.Status, out var s)) wanted = s;
            else errors["status"] = [$"Use one of: {string.Join(", ", Enum.GetValues<OrderStatus>().Select(OrderView.StatusName))}."];
        }
        if (query.Number is { Length: > 20 }) errors["number"] = ["An order number has at most 20 characters."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        // Npgsql writes timestamptz parameters in UTC only; a caller may send any offset (Addis Ababa's +03:00).
        var page = await sender.Send(new SearchOrdersQuery(wanted, query.CustomerId, query.From?.ToUniversalTime(), query.To?.ToUniversalTime(), query.Number,
            query.Page, query.PageSize), ct);
        return new StaffOrderPage(page.Items.Select(o => new StaffOrderSummary(o.Id, o.Number, o.Status, o.TotalEtb, o.Items, o.PlacedAt, o.CustomerId)).ToList(),
            page.Page, page.PageSize, page.Total);
    }

    public async ValueTask<StaffOrder?> Handle(GetStaffOrder query, CancellationToken ct)
    {
        try
        {
            return await DescribeAsync(await sender.Send(new OrderDetailQuery(query.OrderId, Guid.Empty, true), ct), ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async ValueTask<SalesSummary> Handle(GetSalesSummary query, CancellationToken ct)
    {
        var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
        var placed = await db.Orders.AsNoTracking().CountAsync(o => o.PlacedAt >= from && o.PlacedAt < to, ct);
        var paid = await db.Orders.AsNoTracking().Where(o => o.PaidAt >= from && o.PaidAt < to)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Revenue = g.Sum(o => o.TotalEtb - o.RefundedEtb) }).FirstOrDefaultAsync(ct);
        return new SalesSummary(placed, paid?.Count ?? 0, paid?.Revenue ?? 0m);
    }

    public ValueTask<StaffOrderChanged> Handle(StartOrderProcessing command, CancellationToken ct) =>
        OnceAsync("staff_processing", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new StartProcessingCommand(command.OrderId, Actors.Admin(command.StaffId.ToString())), ct), ct);

    public ValueTask<StaffOrderChanged> Handle(ShipOrder command, CancellationToken ct)
    {
        var request = Checked(new ShipRequest(command.Carrier, command.TrackingNumber));
        return OnceAsync("staff_shipment", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new ShipCommand(command.OrderId, Actors.Admin(command.StaffId.ToString()), request.Carrier!.Trim(), request.TrackingNumber!.Trim()), ct), ct);
    }

    public ValueTask<StaffOrderChanged> Handle(DeliverOrder command, CancellationToken ct) =>
        OnceAsync("staff_delivery", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new DeliverCommand(command.OrderId, Actors.Admin(command.StaffId.ToString())), ct), ct);

    public ValueTask<StaffOrderChanged> Handle(CancelOrderForCustomer command, CancellationToken ct) =>
        OnceAsync("staff_cancel", command.StaffId, command.IdempotencyKey, command,
            () => sender.Send(new CancelOrderCommand(command.OrderId, null, true, Actors.Admin(command.StaffId.ToString())), ct), ct);

    public async ValueTask<StaffOrderChanged> Handle(RefundOrderAmount command, CancellationToken ct)
    {
        KeyChecked(command.IdempotencyKey);
        var request = Checked(new IssueRefundRequest(command.AmountEtb, command.Reason));
        var refunded = await sender.Send(new IssueRefundCommand(command.OrderId, Actors.Admin(command.StaffId.ToString()), request.AmountEtb!.Value,
            request.Reason!.Trim(), command.StaffId, command.IdempotencyKey), ct);
        return new StaffOrderChanged(await DescribeAsync(refunded.Value, ct), refunded.Replayed);
    }

    public async ValueTask<StaffOrderChanged> Handle(RefundOrderLines command, CancellationToken ct)
    {
        KeyChecked(command.IdempotencyKey);
        var request = Checked(new RefundLinesRequest(command.Lines.Select(l => new LineUnits(l.Sku, l.Quantity)).ToList(), command.RefundShipping, command.Reason));
        var refunded = await sender.Send(new RefundLinesCommand(command.OrderId, Actors.Admin(command.StaffId.ToString()), LineUnitsRules.Units(request.Lines),
            request.RefundShipping, request.Reason!.Trim(), command.StaffId, command.IdempotencyKey), ct);
        return new StaffOrderChanged(await DescribeAsync(refunded.Value, ct), refunded.Replayed);
    }

    private async ValueTask<StaffOrderChanged> OnceAsync(string operation, Guid staffId, string key, object request, Func<ValueTask<OrderView>> change,
        CancellationToken ct)
    {
        KeyChecked(key);
        var changed = await keys.OnceAsync<OrderView>(operation, staffId, key, request, async _ => await change(), ct);
        return new StaffOrderChanged(await DescribeAsync(changed.Value, ct), changed.Replayed);
    }

    private async Task<StaffOrder> DescribeAsync(OrderView o, CancellationToken ct)
    {
        var refundable = 0m;
        if (o.PaidAt is not null)
        {
            var underWay = await db.Refunds.AsNoTracking().Where(r => r.OrderId == o.Id && r.Status == RefundStatus.Issued).SumAsync(r => (decimal?)r.AmountEtb, ct) ?? 0m;
            refundable = Math.Max(0m, o.Amounts.TotalEtb - o.RefundedEtb - underWay);
        }
        var a = o.ShippingAddress;
        return new StaffOrder(o.Id, o.Number, o.CustomerId, o.Status, o.Lines, o.Amounts,
            new CheckoutAddress(a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details), o.PlacedAt, o.PaidAt, o.Gateway,
            o.PaymentReference, o.Carrier, o.TrackingNumber, o.CancellationReason, o.RefundedEtb, refundable,
            o.Timeline.Select(t => new StaffTimelineStep(t.Status, t.At, t.Actor, t.Note, t.Event)).ToList(),
            o.Refunds.Select(r => new StaffOrderRefund(r.Id, r.AmountEtb, r.Reason, r.Status, r.Kind, r.IssuedAt)).ToList());
    }

    private static void KeyChecked(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || RequestKeys.Problem(key) is not null)
            throw new ValidationFailedException("idempotencyKey", "An idempotency key of 1 to 255 characters (one per form shown) makes a retried change safe.");
    }

    private static T Checked<T>(T request) where T : class =>
        Validation.Errors(request) is { Count: > 0 } errors ? throw new ValidationFailedException(errors) : request;
}
