using AddisPay.Market;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;

namespace AddisPay.Payments.Domain;

/// <summary>
/// A credit note: the document that corrects a receipt when money of the order went back. Numbers are sequential per
/// year without gaps, in a series of their own (CN-yyyy-nnnnnn), taken in the refund's transaction.
/// </summary>
internal sealed class CreditNote
{
    public string Number { get; set; } = "";
    public Guid RefundId { get; set; }
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public Guid CustomerId { get; set; }
    /// <summary>The receipt this note corrects.</summary>
    public string ReceiptNumber { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public string Reason { get; set; } = "";
    public List<CreditNoteLine> Lines { get; set; } = [];
    public decimal ShippingEtb { get; set; }
    public decimal NetEtb { get; set; }
    public decimal VatEtb { get; set; }
    public decimal TotalEtb { get; set; }
    public PayerDetails Payer { get; set; } = new("", "", null, "en");
    public string Gateway { get; set; } = "";
    public string Reference { get; set; } = "";
}

/// <summary>The last credit note number used in a year.</summary>
internal sealed class CreditNoteCounter
{
    public int Year { get; set; }
    public long Last { get; set; }
}

/// <summary>What a credit note says a refund gave back: net, VAT and total, and the lines when Orders itemised it.</summary>
internal sealed record CreditNoteAmounts(IReadOnlyList<CreditNoteLine> Lines, decimal ShippingEtb, decimal NetEtb, decimal VatEtb, decimal TotalEtb)
{
    /// <summary>
    /// Orders' breakdown when it adds up to the amount refunded; otherwise (a refund of an amount alone) the amount
    /// split into its VAT-exclusive part, rounded to the santim as receipts round, and the VAT it carried: the two add up
    /// to the amount exactly.
    /// </summary>
    public static CreditNoteAmounts Of(decimal amountEtb, RefundBreakdown? breakdown)
    {
        if (breakdown is not null && breakdown.NetEtb + breakdown.VatEtb == amountEtb)
            return new CreditNoteAmounts(breakdown.Lines.Select(l => new CreditNoteLine(l.Sku, l.Name, l.NameAm, l.Quantity, l.NetEtb)).ToList(),
                breakdown.ShippingEtb, breakdown.NetEtb, breakdown.VatEtb, amountEtb);
        var (net, vat) = Vat.Included(amountEtb);
        return new CreditNoteAmounts([], 0m, net, vat, amountEtb);
    }
}
