using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Orders.Contracts;

// Staff working orders from a back office (another module): the use cases of Orders' admin API, as Contracts. The caller
// checked the staff member's role; Staff names them on the order's timeline ("admin:{user id}"). Every change carries an
// IdempotencyKey (one per form shown): the same key and change return the first answer (Replayed), so a double submit
// does one thing; the same key with another change is an IdempotencyKeyReusedException.

/// <summary>Orders by status (as in <see cref="CustomerOrderSummary.Status"/>), customer, placing time [From, To) and number, newest first. Page from 1, page size 1–100.</summary>
public sealed record SearchStaffOrders(string? Status = null, Guid? CustomerId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Number = null, int Page = 1, int PageSize = 20) : IQuery<StaffOrderPage>;

public sealed record StaffOrderPage(IReadOnlyList<StaffOrderSummary> Items, int Page, int PageSize, int Total);

public sealed record StaffOrderSummary(Guid OrderId, string Number, string Status, decimal TotalEtb, int Items, DateTimeOffset PlacedAt, Guid CustomerId);

/// <summary>Any order by id; null when there is none.</summary>
public sealed record GetStaffOrder(Guid OrderId) : IQuery<StaffOrder?>;

/// <summary>An order as staff see it: the customer's view plus who did what on the timeline, the refunds and what can still be refunded.</summary>
/// <param name="RefundableEtb">What a refund can still give back (the total less refunds done or under way); 0 when unpaid.</param>
public sealed record StaffOrder(Guid OrderId, string Number, Guid CustomerId, string Status, IReadOnlyList<OrderLine> Lines, OrderAmounts Amounts,
    CheckoutAddress ShippingAddress, DateTimeOffset PlacedAt, DateTimeOffset? PaidAt, string? Gateway, string? PaymentReference, string? Carrier,
    string? TrackingNumber, string? CancellationReason, decimal RefundedEtb, decimal RefundableEtb, IReadOnlyList<StaffTimelineStep> Timeline,
    IReadOnlyList<StaffOrderRefund> Refunds);

/// <param name="Actor">Who: customer:{id}, admin:{id}, payments or system.</param>
public sealed record StaffTimelineStep(string Status, DateTimeOffset At, string Actor, string? Note, string? Event);

/// <param name="Kind">refund, or cancellation (units cancelled before shipping).</param>
/// <param name="Status">issued, completed or failed.</param>
public sealed record StaffOrderRefund(Guid RefundId, decimal AmountEtb, string Reason, string Status, string Kind, DateTimeOffset IssuedAt);

/// <summary>The order after a staff change; <paramref name="Replayed"/>: the key had already made it, nothing new happened.</summary>
public sealed record StaffOrderChanged(StaffOrder Order, bool Replayed);

/// <summary>A paid order is being prepared.</summary>
public sealed record StartOrderProcessing(Guid OrderId, Guid StaffId, string IdempotencyKey) : ICommand<StaffOrderChanged>, IIdempotentCommand;

/// <summary>The order left the warehouse with <paramref name="Carrier"/> (2–60 characters) and <paramref name="TrackingNumber"/> (3–60 letters, digits, dashes).</summary>
public sealed record ShipOrder(Guid OrderId, Guid StaffId, string Carrier, string TrackingNumber, string IdempotencyKey)
    : ICommand<StaffOrderChanged>, IIdempotentCommand;

/// <summary>The customer received the order.</summary>
public sealed record DeliverOrder(Guid OrderId, Guid StaffId, string IdempotencyKey) : ICommand<StaffOrderChanged>, IIdempotentCommand;

/// <summary>Cancels an order that has not shipped: stock goes back, a paid order is refunded in full.</summary>
public sealed record CancelOrderForCustomer(Guid OrderId, Guid StaffId, string IdempotencyKey) : ICommand<StaffOrderChanged>, IIdempotentCommand;

/// <summary>Refunds <paramref name="AmountEtb"/> (VAT included) of a paid order through the gateway that took the money, at most what is left.</summary>
public sealed record RefundOrderAmount(Guid OrderId, Guid StaffId, decimal AmountEtb, string Reason, string IdempotencyKey)
    : ICommand<StaffOrderChanged>, IIdempotentCommand;

/// <summary>Units of one order line, named by its SKU.</summary>
public sealed record StaffLineUnits(string Sku, int Quantity);

/// <summary>Refunds some units of some lines (their share after the discount, with VAT), and the shipping fee when asked.</summary>
public sealed record RefundOrderLines(Guid OrderId, Guid StaffId, IReadOnlyList<StaffLineUnits> Lines, bool RefundShipping, string Reason,
    string IdempotencyKey) : ICommand<StaffOrderChanged>, IIdempotentCommand;

/// <summary>
/// The day's business for a dashboard: orders placed in [From, To), and of the orders paid in it their total with VAT
/// less what was refunded of them.
/// </summary>
public sealed record GetSalesSummary(DateTimeOffset From, DateTimeOffset To) : IQuery<SalesSummary>;

public sealed record SalesSummary(int OrdersPlaced, int OrdersPaid, decimal RevenueEtb);
