using AddisPay.Orders.CancelOrder;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Contracts;
using Microsoft.Extensions.Logging;

namespace AddisPay.Orders.PaymentOutcomes;

/// <summary>
/// The checkout saga's Orders side, driven by Payments' durable events. Each event is handled once, inside
/// the inbox transaction, with the order row locked while it changes; no call to another module is made under that lock.
/// Calls to Products are idempotent, so a handler that dies half-way is simply run again. Every path ends with the stock sold, given back, or refunded.
/// </summary>
internal sealed class PaymentOutcomes(ISender sender, ModuleWork<OrdersDbContext> work, TimeProvider clock, ILogger<PaymentOutcomes> log) :
    IIntegrationEventHandler<PaymentSucceeded>, IIntegrationEventHandler<PaymentFailed>,
    IIntegrationEventHandler<RefundSucceeded>, IIntegrationEventHandler<RefundFailed>
{
    public async Task HandleAsync(PaymentSucceeded e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;

        // Why Products is called before the order is locked: the call is an HTTP round trip when Products runs in other
        // pods, and a customer's cancellation (or an admin's) would wait on the lock all that time. So the stock is sold
        // first, with the order as it was read unlocked; the lock below then decides. If the order was cancelled in
        // between, the sale is undone by the cancellation's own OrderCancelled handler (ReleaseStockOfCancelledOrders
        // restocks a reservation it finds sold) or never happens (the released hold can't be committed), and the payment is
        // refunded below like any payment that arrives after a cancellation. The unpaid-order expiry can't cut in: it
        // leaves an order alone while a PaymentSucceeded of it is unhandled in this inbox. Selling is idempotent, so a
        // handler that dies after it is simply run again.
        var seen = await db.Orders.AsNoTracking().Where(o => o.Id == e.OrderId)
            .Select(o => new { o.Status, o.TotalEtb }).FirstOrDefaultAsync(ct);
        if (seen is null) return;
        ConflictException? notSold = null;
        if (seen.Status == OrderStatus.PendingPayment && e.AmountEtb == seen.TotalEtb)
        {
            // Sell the held stock first: if Products can't be reached the event is retried and nothing is marked paid.
            try { await sender.Send(new CommitReservation(e.OrderId), ct); }
            catch (ConflictException ex) { notSold = ex; } // the hold is gone: decided under the lock
        }

        var order = await db.LockAsync(e.OrderId, ct);
        if (order is null) return;
        var now = clock.GetUtcNow();
        var events = new List<IntegrationEvent>();

        if (order.Status == OrderStatus.PendingPayment && e.AmountEtb == order.TotalEtb)
        {
            // Still waiting for this payment but its hold can't be sold: retried (and parked) as before, nothing marked paid.
            if (notSold is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(notSold);
            order.MoveTo(OrderStatus.Paid, Actors.Payments, now, $"Paid {e.AmountEtb:0.00} ETB with {e.Gateway} ({e.Reference})");
            order.PaidAt = now;
            order.Gateway = e.Gateway;
            order.PaymentReference = e.Reference;
            OrderMetrics.Paid();
            events.Add(new OrderPaid(order.Id, order.Number, order.CustomerId, order.Lines, order.TotalEtb, e.Gateway, e.Reference));
        }
        else
        {
            // Money the order can't keep: it was cancelled (not paid in time), paid twice, or paid a wrong amount.
            var why = order.Status == OrderStatus.Cancelled ? "Payment arrived after the order was cancelled"
                : e.AmountEtb != order.TotalEtb ? $"Payment of {e.AmountEtb:0.00} ETB does not match the order total {order.TotalEtb:0.00} ETB"
                : "Duplicate payment";
            log.LogWarning("Refunding payment {Reference} of order {Order}: {Reason}", e.Reference, order.Number, why);
            events.AddRange(await Refunding.IssueAsync(db, order, e.AmountEtb, why, Actors.System, now, ct, e.Reference));
        }
        await db.SaveChangesAsync(ct);
        work.Raise(events);
    }

    public async Task HandleAsync(PaymentFailed e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;
        var order = await db.LockAsync(e.OrderId, ct);
        if (order is null || order.Status != OrderStatus.PendingPayment) return; // paid by another attempt, or already cancelled
        var events = await Cancellation.CancelAsync(db, order, OrderCancelled.PaymentFailed, Actors.Payments, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        work.Raise(events);
    }

    public async Task HandleAsync(RefundSucceeded e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;
        var order = await db.LockAsync(e.OrderId, ct);
        var refund = await db.Refunds.FirstOrDefaultAsync(r => r.Id == e.RefundId, ct);
        if (order is null || refund is null || refund.Status == RefundStatus.Succeeded) return;
        var now = clock.GetUtcNow();
        refund.Status = RefundStatus.Succeeded;
        refund.CompletedAt = now;

        // A refund of money the order never kept (late or duplicate payment) does not count against the order.
        var ofOrderMoney = refund.IssuedBy != Actors.System;
        if (ofOrderMoney) order.RefundedEtb += e.AmountEtb;
        var full = order.RefundedEtb >= order.TotalEtb;
        // Units cancelled before shipping leave the rest of the order on its way: its status stays. So does a partial refund
        // before delivery (Order.StatusAfterRefund).
        var to = ofOrderMoney && order.Status != OrderStatus.Cancelled && refund.Kind != OrderRefund.Cancellation
            ? Order.StatusAfterRefund(order.Status, order.StatusBeforeRefundRequest, full)
            : null;
        if (to is { } next)
        {
            var settlesRequest = order.Status == OrderStatus.RefundRequested;
            order.MoveTo(next, Actors.Payments, now, $"Refunded {e.AmountEtb:0.00} ETB");
            if (settlesRequest) order.StatusBeforeRefundRequest = null;
        }
        else
            order.Note(OrderTrackingEvents.Refunded, Actors.Payments, now, $"Refunded {e.AmountEtb:0.00} ETB");
        await db.SaveChangesAsync(ct);
        OrderMetrics.Refunded();
        work.Raise([new OrderRefunded(order.Id, order.Number, order.CustomerId, e.AmountEtb, order.RefundedEtb, full)]);
    }

    public async Task HandleAsync(RefundFailed e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;
        var order = await db.LockAsync(e.OrderId, ct);
        var refund = await db.Refunds.FirstOrDefaultAsync(r => r.Id == e.RefundId, ct);
        if (order is null || refund is null || refund.Status != RefundStatus.Issued) return;
        refund.Status = RefundStatus.Failed;
        refund.FailureReason = e.Reason;
        refund.CompletedAt = clock.GetUtcNow();
        order.Note(OrderTrackingEvents.RefundFailed, Actors.Payments, clock.GetUtcNow(), $"Refund of {e.AmountEtb:0.00} ETB failed: {e.Reason}");
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// A cancelled order's stock goes back to Products. Driven by Orders' own OrderCancelled event, so the
/// release survives a crash right after the cancellation committed. An unpaid order's hold is released; a paid order
/// was cancelled before it shipped (the life cycle allows nothing later), so its sold units are still in the warehouse
/// and go back on the shelf, the stock ledger saying which order's cancellation returned them.
/// </summary>
internal sealed class ReleaseStockOfCancelledOrders(ISender sender, ILogger<ReleaseStockOfCancelledOrders> log)
    : IIntegrationEventHandler<OrderCancelled>, IIntegrationEventHandler<OrderLinesCancelled>
{
    /// <summary>
    /// Units of some lines cancelled before shipping: like a whole cancellation's, they never left the warehouse. The refund's id
    /// names the return, so a redelivered event returns nothing twice; a later whole cancellation restocks only what is left.
    /// </summary>
    public async Task HandleAsync(OrderLinesCancelled e, IntegrationEventContext context, CancellationToken ct)
    {
        try
        {
            await sender.Send(new ReturnSoldUnits(e.RefundId, e.OrderId, e.Lines.Select(l => new StockLine(l.Sku, l.Quantity)).ToList(),
                ReturnSoldUnits.CancelledBeforeShipping, $"Order {e.OrderNumber}: units cancelled before shipping"), ct);
        }
        catch (BusinessRuleException ex) when (ex is ConflictException or NotFoundException)
        {
            // Not in Products' books as a sale (settled some other way meanwhile): retrying can't change that; the refund stands.
            log.LogWarning(ex, "The cancelled units of order {Order} could not be restocked", e.OrderNumber);
        }
    }

    public async Task HandleAsync(OrderCancelled e, IntegrationEventContext context, CancellationToken ct)
    {
        try
        {
            if (e.WasPaid)
                await sender.Send(new RestockReservation(e.OrderId, $"Order {e.OrderNumber} cancelled before shipping ({e.Reason})"), ct);
            else
            {
                try
                {
                    await sender.Send(new ReleaseReservation(e.OrderId), ct);
                }
                catch (ConflictException)
                {
                    // Sold already: the payment saga committed the hold just before this cancellation took the order (it
                    // sells before it locks) and refunds the payment; the units never left, so they go back on the shelf.
                    await sender.Send(new RestockReservation(e.OrderId, $"Order {e.OrderNumber} cancelled as its payment arrived ({e.Reason})"), ct);
                }
            }
        }
        catch (NotFoundException)
        {
            // The order never got its hold (it failed before reserving): nothing to give back.
        }
        catch (ConflictException ex) when (e.WasPaid)
        {
            // The sale is not in Products' books as sold (settled some other way meanwhile): nothing this event can return.
            log.LogWarning(ex, "The units of cancelled order {Order} could not be restocked", e.OrderNumber);
        }
    }
}
