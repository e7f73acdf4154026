using AddisPay.Shared.Contracts;

namespace AddisPay.Orders.Contracts;

/// <summary>One line of an order as it was sold: the price is the one the customer agreed to, not today's.</summary>
public sealed record OrderLine(Guid ProductId, string Sku, string Name, string NameAm, int Quantity, decimal UnitPriceEtb, decimal LineTotalEtb);

/// <summary>
/// What an order costs, in ETB. Prices are VAT-exclusive; VAT (15%) is charged on the goods after the
/// discount plus the shipping fee: Total = Subtotal − Discount + Shipping + Vat.
/// </summary>
public sealed record OrderAmounts(decimal SubtotalEtb, decimal DiscountEtb, decimal ShippingEtb, decimal VatEtb, decimal TotalEtb);

/// <summary>
/// A customer placed an order: its stock is held (reservation = order id) until it is paid or cancelled.
/// <see cref="CartId"/> is the cart it came from, which Cart empties.
/// </summary>
public sealed record OrderPlaced(Guid OrderId, string OrderNumber, Guid CustomerId, Guid? CartId, IReadOnlyList<OrderLine> Lines,
    OrderAmounts Amounts, string? CouponCode, DateTimeOffset PaymentDueBy) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>The order is paid in full and its stock is sold. Reviews marks these products as verified purchases.</summary>
public sealed record OrderPaid(Guid OrderId, string OrderNumber, Guid CustomerId, IReadOnlyList<OrderLine> Lines, decimal TotalEtb,
    string Gateway, string PaymentReference) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

public sealed record OrderShipped(Guid OrderId, string OrderNumber, Guid CustomerId, string Carrier, string TrackingNumber) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

public sealed record OrderDelivered(Guid OrderId, string OrderNumber, Guid CustomerId, IReadOnlyList<OrderLine> Lines) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <param name="Reason">customer, payment_failed, payment_timeout or admin.</param>
/// <param name="WasPaid">True when money had been taken: a refund follows (see <see cref="OrderRefunded"/>).</param>
public sealed record OrderCancelled(Guid OrderId, string OrderNumber, Guid CustomerId, string Reason, bool WasPaid) : IntegrationEvent
{
    public override Guid StreamId => OrderId;

    public const string ByCustomer = "customer";
    public const string PaymentFailed = "payment_failed";
    public const string PaymentTimeout = "payment_timeout";
    public const string ByAdmin = "admin";
}

/// <summary>
/// Orders decided to give money back (admin refund, cancellation of a paid order, or a payment that arrived
/// after the order was cancelled). Payments returns it through the gateway that took it, once per
/// <see cref="RefundId"/>, and answers with RefundSucceeded or RefundFailed.
/// </summary>
/// <param name="PaymentReference">The payment to refund when it is not the order's own (a duplicate or late payment).</param>
/// <param name="Breakdown">
/// What the amount is made of (lines, shipping, VAT) when Orders knows it: Payments writes it on the credit note. A refund of
/// an amount alone has none, and its credit note splits the amount into net and VAT.
/// </param>
public sealed record RefundIssued(Guid RefundId, Guid OrderId, string OrderNumber, Guid CustomerId, decimal AmountEtb, string Reason,
    string? PaymentReference = null, RefundBreakdown? Breakdown = null) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>Money went back to the customer. <see cref="Full"/> when the whole order total has now been refunded.</summary>
public sealed record OrderRefunded(Guid OrderId, string OrderNumber, Guid CustomerId, decimal AmountEtb, decimal RefundedTotalEtb, bool Full) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}
