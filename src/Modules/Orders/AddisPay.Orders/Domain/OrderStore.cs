namespace AddisPay.Orders.Domain;

internal static class OrderStore
{
    /// <summary>
    /// The order, row-locked until the transaction ends: payment outcomes, the expiry sweeper, customers and
    /// admins change an order one at a time, so each sees the status the previous one left.
    /// </summary>
    public static Task<Order?> LockAsync(this OrdersDbContext db, Guid orderId, CancellationToken ct) =>
        OrderSql.LockAsync(db, orderId, ct);

    /// <summary>The order as its customer (or staff) may see it; anyone else's order is reported missing.</summary>
    public static async Task<Order> LockForAsync(this OrdersDbContext db, Guid orderId, Guid userId, bool staff, CancellationToken ct)
    {
        var order = await db.LockAsync(orderId, ct);
        if (order is null || (!staff && order.CustomerId != userId)) throw new NotFoundException($"Order {orderId} does not exist.");
        return order;
    }

    public static Task<List<OrderRefund>> RefundsOfAsync(this OrdersDbContext db, Guid orderId, CancellationToken ct) =>
        db.Refunds.AsNoTracking().Where(r => r.OrderId == orderId).ToListAsync(ct);
}
