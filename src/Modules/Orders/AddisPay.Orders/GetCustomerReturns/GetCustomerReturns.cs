using Microsoft.Extensions.Options;

namespace AddisPay.Orders.GetCustomerReturns;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>A shop front's view of an order's returns (Contracts): the customer's own, and what can still be returned until when.</summary>
internal sealed class GetCustomerReturnsHandler(OrdersDbContext db, IOptions<OrdersOptions> options, TimeProvider clock) : IQueryHandler<GetCustomerReturns, CustomerOrderReturns>
{
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
        var taken = await Returning.TakenAsync(db, order, ct);
        var returnable = order.Lines.Select(l => new ReturnableUnits(l.Sku, l.Name, l.NameAm, l.Quantity - taken.QuantityOf(l.Sku)))
            .Where(l => l.Quantity > 0).ToList();
        return new CustomerOrderReturns(made, returnable, until);
    }
}
