using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;

namespace AddisPay.Payments.Domain;

/// <summary>
/// Issues the credit note of a refund the gateway returned, in the refund's own transaction (the inbox's): numbered from
/// a per-year counter row of its own series, so numbers have no gaps (a rolled-back refund takes none), as tax documents
/// must. Only money the receipt accounts for gets one: a refund of a late or duplicate payment corrects no receipt.
/// </summary>
internal static class CreditNotes
{
    /// <summary>The note (added to <paramref name="db"/>, saved with the refund) and its event; null when no receipt covers the payment.</summary>
    public static async Task<CreditNoteIssued?> IssueAsync(ModuleWork<PaymentsDbContext> work, RefundIssued refund, Payment payment,
        DateTimeOffset now, CancellationToken ct)
    {
        var db = work.Db;
        var receipt = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.OrderId == refund.OrderId, ct);
        if (receipt is null || receipt.PaymentId != payment.Id) return null;

        var year = now.ToOffset(TimeSpan.FromHours(3)).Year; // Addis Ababa time, as receipts
        var last = await ReceiptSql.TakeCreditNoteNumberAsync(work, year, ct);

        var amounts = CreditNoteAmounts.Of(refund.AmountEtb, refund.Breakdown);
        var note = new CreditNote
        {
            Number = $"CN-{year}-{last.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)}", RefundId = refund.RefundId,
            OrderId = refund.OrderId, OrderNumber = refund.OrderNumber, CustomerId = payment.CustomerId, ReceiptNumber = receipt.Number, IssuedAt = now,
            Reason = refund.Reason, Lines = amounts.Lines.ToList(), ShippingEtb = amounts.ShippingEtb, NetEtb = amounts.NetEtb, VatEtb = amounts.VatEtb,
            TotalEtb = amounts.TotalEtb, Payer = receipt.Payer, Gateway = payment.Gateway, Reference = payment.Reference
        };
        db.CreditNotes.Add(note);
        return new CreditNoteIssued(note.Number, note.RefundId, note.OrderId, note.OrderNumber, note.CustomerId, note.ReceiptNumber, note.Lines,
            note.ShippingEtb, note.NetEtb, note.VatEtb, note.TotalEtb);
    }
}
