using AddisPay.Payments.Data;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Payments.Billing;

/// <summary>
/// Issues the receipt of a paid order. The number comes from a per-year counter row updated in the
/// payment's own transaction: sequential with no gaps (a rolled-back payment takes no number), as tax
/// receipts must be.
/// </summary>
internal sealed class Invoicing(PaymentsDbContext db)
{
    /// <summary>
    /// Numbers and writes the receipt of <paramref name="paymentId"/> (already saved in the current transaction)
    /// in one statement. Call it last, just before commit: the counter row stays locked until the transaction
    /// ends and every payment being confirmed waits for it, so nothing else may run while it is held.
    /// </summary>
    public async Task<string> IssueAsync(Guid paymentId, DateTimeOffset now, CancellationToken ct)
    {
        var year = now.ToOffset(TimeSpan.FromHours(3)).Year; // Addis Ababa time
        var number = await db.Database.SqlQuery<string>($"""
            with counter as (
              insert into payments.invoice_counters ("Year", "Last") values ({year}, 1)
              on conflict ("Year") do update set "Last" = payments.invoice_counters."Last" + 1
              returning "Last")
            insert into payments.invoices ("Number", "OrderId", "OrderNumber", "PaymentId", "CustomerId", "IssuedAt", "Bill", "Payer", "Gateway", "Reference")
            select 'INV-' || {year}::text || '-' || lpad(c."Last"::text, greatest(6, length(c."Last"::text)), '0'),
                   p."OrderId", p."OrderNumber", p."Id", p."CustomerId", {now}, p."Bill", p."Payer", p."Gateway", p."Reference"
              from counter c, payments.payments p where p."Id" = {paymentId}
            returning "Number" as "Value"
            """).ToListAsync(ct);
        return number.Single();
    }
}
