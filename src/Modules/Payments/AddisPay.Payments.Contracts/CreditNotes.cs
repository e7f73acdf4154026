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
