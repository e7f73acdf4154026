namespace AddisPay.Payments.PrintCustomerCreditNote;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Payments.Contracts;

/// <summary>A shop front's print of one of the customer's credit notes (Contracts): the API's page; another customer's answers like a missing one.</summary>
internal sealed class PrintCustomerCreditNoteHandler(PaymentsDbContext db) : IQueryHandler<PrintCustomerCreditNote, PrintableCreditNote?>
{
    public async ValueTask<PrintableCreditNote?> Handle(PrintCustomerCreditNote query, CancellationToken ct)
    {
        var key = (query.Number ?? "").Trim().ToUpperInvariant();
        if (key.Length is 0 or > 20) return null;
        var note = await db.CreditNotes.AsNoTracking().FirstOrDefaultAsync(n => n.Number == key && n.CustomerId == query.CustomerId, ct);
        return note is null ? null : new PrintableCreditNote(note.Number, CreditNotePage.Render(note));
    }
}
