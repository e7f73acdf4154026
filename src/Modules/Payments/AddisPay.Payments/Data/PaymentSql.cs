namespace AddisPay.Payments.Data;

/// <summary>
/// Row locks on <c>payments.payments</c>, read through <see cref="PaymentsDbContext"/>'s mapping (<c>select *</c>): a
/// webhook, the customer's return and the reconciliation job settle a payment one at a time. EF Core has no
/// <c>for update</c>; no benchmark, locking is about correctness.
/// </summary>
internal static class PaymentSql
{
    public static IQueryable<Payment> LockedByReference(PaymentsDbContext db, string reference) =>
        db.Payments.FromSqlInterpolated($"select * from payments.payments where \"Reference\" = {reference} for update");

    public static IQueryable<Payment> Locked(PaymentsDbContext db, Guid paymentId) =>
        db.Payments.FromSqlInterpolated($"select * from payments.payments where \"Id\" = {paymentId} for update");
}
