namespace AddisPay.Payments.GetCustomerCreditNotes;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Payments.Contracts;

/// <summary>A shop front's view of the customer's credit notes (Contracts): the customer's own only, as the API answers them.</summary>
internal sealed class GetCustomerCreditNotesHandler(PaymentsDbContext db) : IQueryHandler<GetCustomerCreditNotes, IReadOnlyList<CustomerCreditNote>>
{
    public async ValueTask<IReadOnlyList<CustomerCreditNote>> Handle(GetCustomerCreditNotes query, CancellationToken ct) =>
        await db.CreditNotes.AsNoTracking().Where(n => n.OrderId == query.OrderId && n.CustomerId == query.CustomerId)
            .OrderBy(n => n.IssuedAt).ThenBy(n => n.Number)
            .Select(n => new CustomerCreditNote(n.Number, n.IssuedAt, n.TotalEtb)).ToListAsync(ct);
}
