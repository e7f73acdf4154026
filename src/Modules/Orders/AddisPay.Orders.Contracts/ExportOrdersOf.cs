using Mediator;

namespace AddisPay.Orders.Contracts;

/// <summary>
/// Everything Orders holds about a customer, for their data export: every order with its lines, amounts, shipping
/// address, tracking timeline, refunds and returns (with the customer's reasons), oldest first. Empty for a customer who never ordered.
/// </summary>
public sealed record ExportOrdersOf(Guid UserId) : IQuery<OrdersExport>;

public sealed record OrdersExport(IReadOnlyList<ExportedOrder> Orders);

/// <param name="Status">As in <see cref="CustomerOrderSummary.Status"/>.</param>
public sealed record ExportedOrder(Guid OrderId, string Number, string Status, IReadOnlyList<OrderLine> Lines, OrderAmounts Amounts, string Currency,
    string? CouponCode, CheckoutAddress ShippingAddress, DateTimeOffset PlacedAt, DateTimeOffset? PaidAt, string? Gateway, string? PaymentReference,
    string? Carrier, string? TrackingNumber, string? CancellationReason, decimal RefundedEtb, IReadOnlyList<OrderTrackingStep> Timeline,
    IReadOnlyList<ExportedOrderRefund> Refunds, IReadOnlyList<ExportedReturn> Returns);

/// <param name="Status">pending, succeeded or failed.</param>
public sealed record ExportedOrderRefund(Guid RefundId, decimal AmountEtb, string Reason, string Status, DateTimeOffset IssuedAt, DateTimeOffset? CompletedAt);

/// <param name="Status">requested, approved, refused or received.</param>
/// <param name="Reason">Why the customer asked, in their words.</param>
/// <param name="RefundId">The refund the received goods issued (see <see cref="ExportedOrder.Refunds"/>).</param>
public sealed record ExportedReturn(Guid ReturnId, string Status, IReadOnlyList<ReturnLine> Lines, string Reason, DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt, string? RefusalReason, DateTimeOffset? ReceivedAt, Guid? RefundId);
