namespace AddisPay.Payments.Data;

/// <summary>
/// The sandbox gateway's side of a charge (<c>payments.sandbox_charges</c>, mapped as <see cref="SandboxCharge"/>): a charge
/// is started once whatever the retries (insert or nothing: EF Core has no <c>on conflict</c>), and the page records the
/// customer's choice and reads the charge back in one <c>update … returning</c>: see docs/benchmarks.md, Checkout (third
/// session, "Fewer round trips in payment").
/// </summary>
internal static class SandboxChargeSql
{
    /// <summary>Records the charge unless the sandbox already holds one with this reference (which stays as it is).</summary>
    public static Task StartAsync(PaymentsDbContext db, SandboxCharge charge, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into payments.sandbox_charges ("Reference", "AmountEtb", "Currency", "Description", "ReturnUrl", "Outcome", "RefundedEtb", "CreatedAt")
            values ({charge.Reference}, {charge.AmountEtb}, {charge.Currency}, {charge.Description}, {charge.ReturnUrl}, null, 0, {charge.CreatedAt})
            on conflict ("Reference") do nothing
            """, ct);

    /// <summary>
    /// Records the charge as <see cref="StartAsync"/> does and sets the checkout address of the payment attempt
    /// <paramref name="paymentId"/> in the same statement (a data-modifying CTE runs whether or not the update reads it).
    /// </summary>
    public static Task StartLinkedAsync(PaymentsDbContext db, SandboxCharge charge, Guid paymentId, string checkoutUrl, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            with charge as (
              insert into payments.sandbox_charges ("Reference", "AmountEtb", "Currency", "Description", "ReturnUrl", "Outcome", "RefundedEtb", "CreatedAt")
              values ({charge.Reference}, {charge.AmountEtb}, {charge.Currency}, {charge.Description}, {charge.ReturnUrl}, null, 0, {charge.CreatedAt})
              on conflict ("Reference") do nothing)
            update payments.payments set "CheckoutUrl" = {checkoutUrl} where "Id" = {paymentId}
            """, ct);

    /// <summary>
    /// The charge after recording <paramref name="outcome"/>; null when there is no such charge or it already ended
    /// otherwise (choosing the same outcome again is no change).
    /// </summary>
    public static async Task<SandboxCharge?> ChooseAsync(PaymentsDbContext db, string reference, string outcome, CancellationToken ct) =>
        (await db.SandboxCharges.FromSql($"""
            update payments.sandbox_charges set "Outcome" = {outcome}
             where "Reference" = {reference} and ("Outcome" is null or "Outcome" = {outcome}) returning *
            """).AsNoTracking().ToListAsync(ct)).SingleOrDefault();
}
