using AddisPay.Payments.Contracts;
using AddisPay.Payments.ShowCreditNote;

namespace AddisPay.Payments.CustomerCreditNotes;

/// <summary>A shop front's view of the customer's credit notes (Contracts): the customer's own only, as the API answers them.</summary>
internal sealed class CustomerCreditNotes(PaymentsDbContext db) :
    IQueryHandler<GetCustomerCreditNotes, IReadOnlyList<CustomerCreditNote>>, IQueryHandler<PrintCustomerCreditNote, PrintableCreditNote?>
{
    public async ValueTask<IReadOnlyList<CustomerCreditNote>> Handle(GetCustomerCreditNotes query, CancellationToken ct) =>
        await db.CreditNotes.AsNoTracking().Where(n => n.OrderId == query.OrderId && n.CustomerId == query.CustomerId)
            .OrderBy(n => n.IssuedAt).ThenBy(n => n.Number)
            .Select(n => new CustomerCreditNote(n.Number, n.IssuedAt, n.TotalEtb)).ToListAsync(ct);

    public async ValueTask<PrintableCreditNote?> Handle(PrintCustomerCreditNote query, CancellationToken ct)
    {
        var key = (query.Number ?? "").Trim().ToUpperInvariant();
        if (key.Length is 0 or > 20) return null;
        var note = await db.CreditNotes.AsNoTracking().FirstOrDefaultAsync(n => n.Number == key && n.CustomerId == query.CustomerId, ct);
        return note is null ? null : new PrintableCreditNote(note.Number, CreditNoteEndpoints.Render(note));
    }
}
