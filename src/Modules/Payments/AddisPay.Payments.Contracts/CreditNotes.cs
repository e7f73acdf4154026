using AddisPay.Shared.Contracts;

namespace AddisPay.Payments.Contracts;

/// <summary>Units of one line on a credit note, with their VAT-exclusive amount.</summary>
public sealed record CreditNoteLine(string Sku, string Description, string DescriptionAm, int Quantity, decimal NetEtb);

/// <summary>
/// A refund of an order was returned through the gateway, and the credit note correcting the order's receipt was issued
/// (CN-yyyy-nnnnnn, numbered without gaps in the refund's transaction). Notifications tells the customer.
/// </summary>
public sealed record CreditNoteIssued(string Number, Guid RefundId, Guid OrderId, string OrderNumber, Guid CustomerId, string ReceiptNumber,
    IReadOnlyList<CreditNoteLine> Lines, decimal ShippingEtb, decimal NetEtb, decimal VatEtb, decimal TotalEtb) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>The credit notes correcting the customer's order's receipt, oldest first; empty when nothing was refunded or it is another customer's order.</summary>
public sealed record GetCustomerCreditNotes(Guid CustomerId, Guid OrderId) : Mediator.IQuery<IReadOnlyList<CustomerCreditNote>>;

/// <summary>A credit note as a list shows it: number (CN-yyyy-nnnnnn), when it was issued and what it gave back in all, in ETB.</summary>
public sealed record CustomerCreditNote(string Number, DateTimeOffset IssuedAt, decimal TotalEtb);

/// <summary>
/// One of the customer's credit notes as the printable page Payments' API serves (English and Amharic, a whole HTML document);
/// null when there is none with this number or it is another customer's.
/// </summary>
public sealed record PrintCustomerCreditNote(Guid CustomerId, string Number) : Mediator.IQuery<PrintableCreditNote?>;

public sealed record PrintableCreditNote(string Number, string Html);
