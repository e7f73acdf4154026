using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Orders.Contracts;

// A shop front's use of checkout and orders on behalf of a signed-in customer. The shop front authenticated the customer
// and passes their id (UserId); the rules are those of Orders' own API: only the customer's own cart (or a visitor cart
// they hold) is ordered, and another customer's order does not exist (null, or NotFoundException for a change).

/// <summary>A shipping address typed in at checkout (a saved one is named by its id instead).</summary>
/// <param name="Phone">An Ethiopian phone number; stored in +251 form.</param>
/// <param name="Region">One of Ethiopia's regions or chartered cities, e.g. "Addis Ababa".</param>
public sealed record CheckoutAddress(string Recipient, string Phone, string Region, string City, string? SubCity, string? Woreda, string Details);

/// <summary>
/// What ordering the cart would cost now: current prices, the coupon's discount, shipping to the address's region and 15%
/// VAT. Give a saved address (<paramref name="AddressId"/>) or just the <paramref name="Region"/>. Writes nothing.
/// </summary>
public sealed record QuoteCheckout(Guid UserId, Guid CartId, Guid? AddressId = null, string? Region = null, string? CouponCode = null)
    : IQuery<CheckoutQuote>;

public sealed record CheckoutQuote(Guid CartId, string Region, IReadOnlyList<OrderLine> Lines, OrderAmounts Amounts, string Currency, decimal VatRate,
    string? CouponCode);

/// <summary>
/// Places an order from the cart and holds its stock until it is paid. <paramref name="IdempotencyKey"/> (up to 255
/// characters, one per checkout attempt) makes it retry-safe: the same key with the same order returns the same order
/// (<see cref="PlacedCustomerOrder.Replayed"/>); the same key with another order is refused
/// (<see cref="IdempotencyKeyReusedException"/>); while the first request with the key is still working, a
/// <see cref="ConflictException"/>. Ship to a saved address (<paramref name="AddressId"/>) or one typed in
/// (<paramref name="ShippingAddress"/>), one of them. The customer's email address must be verified (ForbiddenException).
/// </summary>
public sealed record PlaceCustomerOrder(Guid UserId, Guid CartId, string IdempotencyKey, Guid? AddressId = null, CheckoutAddress? ShippingAddress = null,
    string? CouponCode = null) : ICommand<PlacedCustomerOrder>, IIdempotentCommand;

/// <param name="Replayed">The key had already placed this order: nothing new was placed.</param>
public sealed record PlacedCustomerOrder(CustomerOrder Order, bool Replayed);

/// <summary>
/// Starts paying the customer's order at a gateway (sandbox, chapa or telebirr) and returns where to send the customer.
/// <paramref name="ReturnUrl"/> is a page of the storefront (a path like /checkout/return/AP001234, or an address on its
/// origin), where the gateway sends the customer back. Retry-safe: while an attempt at the gateway is open, the same
/// attempt is returned. An order that is not pending payment is a ConflictException.
/// </summary>
public sealed record PayCustomerOrder(Guid UserId, Guid OrderId, string Gateway, string? ReturnUrl = null)
    : ICommand<CheckoutPayment>, IIdempotentCommand;

/// <param name="CheckoutUrl">The gateway's page: redirect the customer there.</param>
/// <param name="Status">pending, succeeded or failed.</param>
public sealed record CheckoutPayment(Guid PaymentId, Guid OrderId, string Gateway, string Reference, string CheckoutUrl, decimal AmountEtb, string Status);

/// <summary>The customer's orders, newest first. Page from 1, page size 1–100.</summary>
public sealed record GetCustomerOrders(Guid UserId, int Page = 1, int PageSize = 20) : IQuery<CustomerOrderPage>;

public sealed record CustomerOrderPage(IReadOnlyList<CustomerOrderSummary> Items, int Page, int PageSize, int Total);

/// <param name="Status">pending_payment, paid, processing, shipped, delivered, cancelled, refund_requested, partially_refunded or refunded.</param>
/// <param name="Items">Units ordered, all lines together.</param>
public sealed record CustomerOrderSummary(Guid OrderId, string Number, string Status, decimal TotalEtb, int Items, DateTimeOffset PlacedAt);

/// <summary>One of the customer's orders by id; null when there is none or it is another customer's.</summary>
public sealed record GetCustomerOrder(Guid UserId, Guid OrderId) : IQuery<CustomerOrder?>;

/// <summary>One of the customer's orders by its number (AP001234, any case); null when there is none or it is another customer's.</summary>
public sealed record FindCustomerOrder(Guid UserId, string Number) : IQuery<CustomerOrder?>;

/// <summary>
/// Cancels the customer's order before it ships: its stock goes back and a paid order is refunded in full. Retry-safe: an
/// order already cancelled is returned as it is. Another customer's order is a NotFoundException; a shipped one a
/// ConflictException.
/// </summary>
public sealed record CancelCustomerOrder(Guid UserId, Guid OrderId) : ICommand<CustomerOrder>, IIdempotentCommand;

/// <summary>An order as its customer sees it: lines, amounts, where it goes, its tracking timeline and its payment.</summary>
/// <param name="Status">As in <see cref="CustomerOrderSummary.Status"/>.</param>
/// <param name="CancellationReason">customer, payment_failed, payment_timeout or admin, when cancelled.</param>
/// <param name="CanCancel">Not shipped yet: the customer may still cancel.</param>
/// <param name="CanPay">Pending payment and still within its payment window.</param>
public sealed record CustomerOrder(Guid OrderId, string Number, string Status, IReadOnlyList<OrderLine> Lines, OrderAmounts Amounts, string Currency,
    decimal VatRate, string? CouponCode, CheckoutAddress ShippingAddress, DateTimeOffset PlacedAt, DateTimeOffset PaymentDueBy, DateTimeOffset? PaidAt,
    string? Carrier, string? TrackingNumber, string? CancellationReason, decimal RefundedEtb, IReadOnlyList<OrderTrackingStep> Timeline,
    OrderPaymentState Payment, bool CanCancel, bool CanPay);

/// <summary>One step of the tracking timeline: the status the order reached (or kept, for a note such as a refund) and when.</summary>
/// <param name="Event">
/// What happened at a step that is not a status change (or the placing), one of <see cref="OrderTrackingEvents"/>: a page
/// says it in its own words, where <paramref name="Note"/> is Orders' English. Null for a status change, and for notes
/// written before the events had names.
/// </param>
public sealed record OrderTrackingStep(string Status, DateTimeOffset At, string? Note, string? Event = null);

/// <summary>The names of <see cref="OrderTrackingStep.Event"/>.</summary>
public static class OrderTrackingEvents
{
    public const string Placed = "placed";
    public const string ReturnRequested = "return_requested";
    public const string ReturnApproved = "return_approved";
    public const string ReturnRefused = "return_refused";
    public const string ReturnReceived = "return_received";
    /// <summary>A refund Orders asked Payments to make (RefundIssued); <see cref="Refunded"/> follows when the gateway confirms it.</summary>
    public const string RefundIssued = "refund_issued";
    public const string Refunded = "refunded";
    public const string RefundFailed = "refund_failed";
    /// <summary>Some units of some lines cancelled before shipping.</summary>
    public const string LinesCancelled = "lines_cancelled";
}

/// <summary>
/// Where paying the order stands, for a payment return page. <see cref="State"/>: <c>none</c> (no attempt yet),
/// <c>pending</c> (the gateway has not confirmed yet: look again in a moment), <c>paid</c> or <c>failed</c>.
/// </summary>
/// <param name="ReceiptNumber">The receipt (INV-yyyy-nnnnnn) once paid.</param>
public sealed record OrderPaymentState(string State, string? Gateway, string? Reference, string? ReceiptNumber, string? FailureReason)
{
    public const string None = "none";
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Failed = "failed";
}
