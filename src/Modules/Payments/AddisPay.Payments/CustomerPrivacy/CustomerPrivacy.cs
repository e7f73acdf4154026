using AddisPay.Payments.Contracts;
using AddisPay.Users.Contracts;

namespace AddisPay.Payments.CustomerPrivacy;

/// <summary>A customer's payments, receipts and refunds as their data export carries them.</summary>
internal sealed class ExportPaymentsOfCustomer(PaymentsDbContext db) : IQueryHandler<ExportPaymentsOf, PaymentsExport>
{
    public async ValueTask<PaymentsExport> Handle(ExportPaymentsOf query, CancellationToken ct)
    {
        var payments = await db.Payments.AsNoTracking().Where(p => p.CustomerId == query.UserId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
        var receipts = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == query.UserId).OrderBy(i => i.IssuedAt).ThenBy(i => i.Number).ToListAsync(ct);
        var paymentIds = payments.Select(p => p.Id).ToList();
        var refunds = await db.Refunds.AsNoTracking().Where(r => paymentIds.Contains(r.PaymentId)).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var creditNotes = await db.CreditNotes.AsNoTracking().Where(n => n.CustomerId == query.UserId).OrderBy(n => n.IssuedAt).ThenBy(n => n.Number).ToListAsync(ct);
        return new PaymentsExport(
            payments.Select(p => new ExportedPayment(p.Id, p.OrderId, p.OrderNumber, p.Gateway, p.Reference, p.AmountEtb, p.Currency,
                p.Status.ToString().ToLowerInvariant(), p.Payer, p.CreatedAt, p.CompletedAt, p.FailureReason, p.RefundedEtb)).ToList(),
            receipts.Select(i => new ExportedReceipt(i.Number, i.OrderId, i.OrderNumber, i.IssuedAt, i.Bill, i.Payer, i.Gateway, i.Reference)).ToList(),
            refunds.Select(r => new ExportedRefund(r.Id, r.PaymentId, r.OrderId, r.AmountEtb, r.Reason, r.Status.ToString().ToLowerInvariant(), r.CreatedAt,
                r.CompletedAt, r.FailureReason)).ToList(),
            creditNotes.Select(n => new ExportedCreditNote(n.Number, n.ReceiptNumber, n.OrderId, n.OrderNumber, n.IssuedAt, n.Reason, n.Lines,
                n.ShippingEtb, n.NetEtb, n.VatEtb, n.TotalEtb, n.Payer)).ToList());
    }
}

/// <summary>
/// A deleted account's payments, receipts and credit notes stay: receipts and credit notes are numbered fiscal documents
/// (number, date, lines, VAT, total), kept as tax law requires, and a payment attempt is what reconciles the money with the gateway's statement. The
/// payer details copied into them for the gateway and the documents (name, email, phone) are erased
/// (<see cref="PayerErasure"/>).
/// </summary>
internal sealed class AnonymisePayerOfDeletedCustomer(ModuleWork<PaymentsDbContext> work) : IIntegrationEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;
        foreach (var payment in await db.Payments.Where(p => p.CustomerId == e.UserId).ToListAsync(ct))
            payment.Payer = PayerErasure.Anonymise(payment.Payer);
        foreach (var receipt in await db.Invoices.Where(i => i.CustomerId == e.UserId).ToListAsync(ct))
            receipt.Payer = PayerErasure.Anonymise(receipt.Payer);
        foreach (var note in await db.CreditNotes.Where(n => n.CustomerId == e.UserId).ToListAsync(ct))
            note.Payer = PayerErasure.Anonymise(note.Payer);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>What a payment or receipt keeps of its payer once the account is deleted.</summary>
internal static class PayerErasure
{
    public const string ErasedName = "erased";

    /// <summary>The language stays (it chose the receipt's wording, and says nothing of who paid); name, email and phone go.</summary>
    public static PayerDetails Anonymise(PayerDetails payer) => new("", ErasedName, null, payer.Language);
}
