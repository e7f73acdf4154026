namespace AddisPay.Payments.Data;

/// <summary>
/// Row locks on <c>payments.payments</c>, read through <see cref="PaymentsDbContext"/>'s mapping (<c>select *</c>): a
/// webhook, the customer's return and the reconciliation job settle a payment one at a time. EF Core has no
/// <c>for update</c>; no benchmark, locking is about correctness.
/// </summary>
internal static class PaymentSql
{
    // Read as the statement stands and taken here: First() on top would make EF Core wrap it in a subquery with a LIMIT.
    public static async Task<Payment?> LockByReferenceAsync(PaymentsDbContext db, string reference, CancellationToken ct) =>
        (await db.Payments.FromSqlInterpolated($"select * from payments.payments where \"Reference\" = {reference} for update").ToListAsync(ct)).SingleOrDefault();

    public static async Task<Payment?> LockAsync(PaymentsDbContext db, Guid paymentId, CancellationToken ct) =>
        (await db.Payments.FromSqlInterpolated($"select * from payments.payments where \"Id\" = {paymentId} for update").ToListAsync(ct)).SingleOrDefault();
}
