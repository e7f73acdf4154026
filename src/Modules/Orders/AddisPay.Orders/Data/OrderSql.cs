namespace AddisPay.Orders.Data;

/// <summary>
/// Row locks on <c>orders.orders</c> (read through <see cref="OrdersDbContext"/>'s mapping: <c>select *, xmin</c> gives
/// EF Core every mapped column and the concurrency token) and the order-number sequence: EF Core has neither
/// <c>for update</c> nor sequences. No benchmark: locking is about correctness (one writer of an order at a time).
/// </summary>
internal static class OrderSql
{
    /// <summary>The order, row-locked until the transaction ends; null when there is none.</summary>
    public static async Task<Order?> LockAsync(OrdersDbContext db, Guid orderId, CancellationToken ct) =>
        // Read as the statement stands and taken here: First() on top would make EF Core wrap it in a subquery with a LIMIT.
        (await db.Orders.FromSqlInterpolated($"select *, xmin from orders.orders where \"Id\" = {orderId} for update").ToListAsync(ct)).SingleOrDefault();

    /// <summary>A customer's orders, row-locked in id order (the order every writer locks them in).</summary>
    public static IQueryable<Order> LockedOfCustomer(OrdersDbContext db, Guid customerId) =>
        db.Orders.FromSqlInterpolated($"select *, xmin from orders.orders where \"CustomerId\" = {customerId} order by \"Id\" for update");

    /// <summary>
    /// The unpaid order that has been due longest, locked, skipping one another sweeper or a payment holds and the ones in
    /// <paramref name="except"/>.
    /// </summary>
    public static async Task<Order?> NextOverdueAsync(OrdersDbContext db, DateTimeOffset now, Guid[] except, CancellationToken ct) =>
        (await db.Orders.FromSqlInterpolated($"""
            select *, xmin from orders.orders where "Status" = 'PendingPayment' and "PaymentDueBy" <= {now} and not ("Id" = any({except}))
             order by "PaymentDueBy" limit 1 for update skip locked
            """).ToListAsync(ct)).SingleOrDefault();

    /// <summary>The next order number (unique, not gapless), for an order whose key claim did not draw one.</summary>
    public static Task<long> NextNumberAsync(OrdersDbContext db, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"select nextval('orders.order_numbers') as \"Value\"").SingleAsync(ct);
}
