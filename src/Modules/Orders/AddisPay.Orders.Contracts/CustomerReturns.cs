using Mediator;

namespace AddisPay.Orders.Contracts;

/// <summary>
/// The returns of the customer's order, oldest first, and what could still be asked back: the delivered units neither
/// refunded nor in an open return, while the return window is open. Another customer's order is a NotFoundException.
/// </summary>
public sealed record GetCustomerReturns(Guid UserId, Guid OrderId) : IQuery<CustomerOrderReturns>;

/// <param name="Returnable">Units that a return may still ask for now; empty when the order is not delivered or the window closed.</param>
/// <param name="ReturnableUntil">The end of the return window, once the order is delivered.</param>
public sealed record CustomerOrderReturns(IReadOnlyList<CustomerReturn> Returns, IReadOnlyList<ReturnableUnits> Returnable, DateTimeOffset? ReturnableUntil);

/// <param name="Status">requested, approved, refused or received.</param>
/// <param name="Reason">The customer's own words, as they asked.</param>
/// <param name="RefusalReason">Staff's words, when refused.</param>
/// <param name="RefundEtb">What the received goods refunded (with VAT), once received.</param>
public sealed record CustomerReturn(Guid ReturnId, string Status, IReadOnlyList<ReturnLine> Lines, string Reason, DateTimeOffset RequestedAt,
    string? RefusalReason, decimal? RefundEtb);

public sealed record ReturnableUnits(string Sku, string Name, string NameAm, int Quantity);

/// <summary>Units of one line to send back.</summary>
public sealed record ReturnUnits(string Sku, int Quantity);

/// <summary>
/// The customer asks to send back delivered units, within the return window, saying why (3–500 characters): the rules of
/// Orders' API (POST /api/orders/{id}/returns). Too many units is a ValidationFailedException on lines[i].quantity; an order not
/// delivered, or past the window, a ConflictException with its reason (order.status, return.window-closed). Not retry-safe:
/// a second request for the same units finds them already in a return.
/// </summary>
public sealed record RequestCustomerReturn(Guid UserId, Guid OrderId, IReadOnlyList<ReturnUnits> Lines, string Reason) : ICommand<CustomerReturn>;
