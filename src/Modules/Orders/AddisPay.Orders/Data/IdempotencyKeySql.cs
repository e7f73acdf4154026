namespace AddisPay.Orders.Data;

/// <summary>
/// Claims of an Idempotency-Key in <c>orders.idempotency_keys</c> and <c>orders.request_keys</c> (mapped by
/// <see cref="OrdersDbContext"/>): one insert that does nothing when the key is taken, so two requests can't both win it
/// (EF Core has no <c>on conflict</c>). The order's claim also draws the order number: see docs/benchmarks.md, Checkout
/// ("The order number is drawn by the Idempotency-Key claim").
/// </summary>
internal static class IdempotencyKeySql
{
    /// <summary>The order number drawn with the claim, or null when the key is already taken.</summary>
    public static async Task<long?> ClaimOrderKeyAsync(OrdersDbContext db, Guid customerId, string key, string requestHash, Guid orderId,
        DateTimeOffset now, DateTimeOffset lockedUntil, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var drawn = await db.Database.SqlQuery<long>($"""
            insert into orders.idempotency_keys ("CustomerId", "Key", "RequestHash", "OrderId", "CreatedAt", "LockedUntil", "ExpiresAt")
            values ({customerId}, {key}, {requestHash}, {orderId}, {now}, {lockedUntil}, {expiresAt})
            on conflict do nothing
            returning nextval('orders.order_numbers') as "Value"
            """).ToListAsync(ct);
        return drawn.Count == 1 ? drawn[0] : null;
    }

    /// <summary>Whether this request now holds the key (false: it is taken).</summary>
    public static async Task<bool> ClaimRequestKeyAsync(OrdersDbContext db, string operation, Guid callerId, string key, string requestHash,
        DateTimeOffset now, DateTimeOffset lockedUntil, DateTimeOffset expiresAt, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into orders.request_keys ("Operation", "CallerId", "Key", "RequestHash", "CreatedAt", "LockedUntil", "ExpiresAt")
            values ({operation}, {callerId}, {key}, {requestHash}, {now}, {lockedUntil}, {expiresAt})
            on conflict do nothing
            """, ct) == 1;
}
