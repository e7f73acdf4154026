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
    public async Task<Invoice> IssueAsync(Payment payment, DateTimeOffset now, CancellationToken ct)
    {
        var year = now.ToOffset(TimeSpan.FromHours(3)).Year; // Addis Ababa time
        var next = await db.Database.SqlQuery<long>($"""
            insert into payments.invoice_counters ("Year", "Last") values ({year}, 1)
            on conflict ("Year") do update set "Last" = payments.invoice_counters."Last" + 1
            returning "Last" as "Value"
            """).ToListAsync(ct);
        var invoice = new Invoice
        {
            Number = $"INV-{year}-{next[0]:D6}", OrderId = payment.OrderId, OrderNumber = payment.OrderNumber, PaymentId = payment.Id,
            CustomerId = payment.CustomerId, IssuedAt = now, Bill = payment.Bill, Payer = payment.Payer, Gateway = payment.Gateway, Reference = payment.Reference
        };
        db.Invoices.Add(invoice);
        return invoice;
    }
}
