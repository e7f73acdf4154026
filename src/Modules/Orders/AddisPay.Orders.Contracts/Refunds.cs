using AddisPay.Shared.Contracts;

namespace AddisPay.Orders.Contracts;

/// <summary>Units of one order line given back, with their share of the line after the order's discount (VAT-exclusive).</summary>
public sealed record RefundLine(string Sku, string Name, string NameAm, int Quantity, decimal NetEtb);

/// <summary>
/// What a refund gives back: the lines' shares, the shipping fee when it is refunded, and the VAT on both, in ETB.
/// Net = lines + shipping; the refund's amount is Net + Vat.
/// </summary>
public sealed record RefundBreakdown(IReadOnlyList<RefundLine> Lines, decimal ShippingEtb, decimal NetEtb, decimal VatEtb)
{
    public decimal TotalEtb => NetEtb + VatEtb;
}

/// <summary>
/// Some units of a paid order that had not shipped were cancelled: they go back on the shelf (the stock ledger saying
/// cancelled_before_shipping) and their share is refunded by the RefundIssued with the same <see cref="RefundId"/>.
/// The rest of the order goes on as before.
/// </summary>
public sealed record OrderLinesCancelled(Guid OrderId, string OrderNumber, Guid CustomerId, Guid RefundId, IReadOnlyList<RefundLine> Lines,
    decimal RefundEtb, string Actor) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>Units of a line in a return, and once received what became of them (restock or write_off).</summary>
public sealed record ReturnLine(string Sku, string Name, string NameAm, int Quantity, string? Outcome);

/// <summary>A customer asked to send back delivered units (within the return window); staff decide.</summary>
public sealed record ReturnRequested(Guid ReturnId, Guid OrderId, string OrderNumber, Guid CustomerId, IReadOnlyList<ReturnLine> Lines, string Reason)
    : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>Staff accepted the return: the customer sends the goods back.</summary>
public sealed record ReturnApproved(Guid ReturnId, Guid OrderId, string OrderNumber, Guid CustomerId, IReadOnlyList<ReturnLine> Lines) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>Staff refused the return, saying why.</summary>
public sealed record ReturnRefused(Guid ReturnId, Guid OrderId, string OrderNumber, Guid CustomerId, string Reason) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>
/// The returned goods arrived: each line restocked or written off (Orders has Products record it in the stock ledger) and
/// refunded by the RefundIssued with <see cref="RefundId"/> (a credit note follows).
/// </summary>
public sealed record ReturnReceived(Guid ReturnId, Guid OrderId, string OrderNumber, Guid CustomerId, IReadOnlyList<ReturnLine> Lines, Guid RefundId,
    decimal RefundEtb) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}
