using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Payments.Contracts;

public sealed record PayerDetails(string Email, string FullName, string? Phone, string Language);

/// <summary>A line of the bill, kept by Payments for the invoice (Payments never reads Orders' tables).</summary>
public sealed record BillLine(string Sku, string Description, int Quantity, decimal UnitPriceEtb, decimal LineTotalEtb);

public sealed record Bill(IReadOnlyList<BillLine> Lines, decimal SubtotalEtb, decimal DiscountEtb, decimal ShippingEtb, decimal VatEtb, decimal TotalEtb);

/// <summary>
/// Starts a payment of an order at a gateway (sandbox, chapa, telebirr) and returns where to send the customer.
/// Idempotent per order and gateway: while an attempt is still open, the same attempt is returned.
/// The amount comes from Orders, never from the customer, and every gateway callback is checked against it.
/// </summary>
public sealed record StartPayment(Guid OrderId, string OrderNumber, Guid CustomerId, string Gateway, Bill Bill, PayerDetails Payer,
    string? ReturnUrl) : ICommand<PaymentSession>, IIdempotentCommand;

public sealed record PaymentSession(Guid PaymentId, Guid OrderId, string Gateway, string Reference, string CheckoutUrl, decimal AmountEtb, string Status);

/// <summary>
/// The payment attempts of a customer's order, oldest first, with the receipt once paid: where paying stands, for the
/// order's page and the payment return page. Empty when the order has none, or is another customer's.
/// </summary>
public sealed record GetOrderPayments(Guid OrderId, Guid CustomerId) : IQuery<IReadOnlyList<OrderPaymentAttempt>>;

/// <param name="Status">pending, succeeded or failed.</param>
/// <param name="ReceiptNumber">The order's receipt (INV-yyyy-nnnnnn), on the attempt that paid it.</param>
public sealed record OrderPaymentAttempt(Guid PaymentId, string Gateway, string Reference, decimal AmountEtb, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt, string? FailureReason, string? ReceiptNumber);

/// <summary>A gateway confirmed (and Payments verified with it) that the order's full amount was paid.</summary>
public sealed record PaymentSucceeded(Guid PaymentId, Guid OrderId, Guid CustomerId, decimal AmountEtb, string Gateway, string Reference) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>The payment attempt failed or was abandoned at the gateway.</summary>
public sealed record PaymentFailed(Guid PaymentId, Guid OrderId, Guid CustomerId, string Gateway, string Reference, string Reason) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

/// <summary>The gateway returned the money of a refund Orders issued (see Orders' RefundIssued).</summary>
public sealed record RefundSucceeded(Guid RefundId, Guid OrderId, Guid CustomerId, decimal AmountEtb, string Gateway) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

public sealed record RefundFailed(Guid RefundId, Guid OrderId, Guid CustomerId, decimal AmountEtb, string Reason) : IntegrationEvent
{
    public override Guid StreamId => OrderId;
}

public static class Gateways
{
    public const string Sandbox = "sandbox";
    public const string Chapa = "chapa";
    public const string Telebirr = "telebirr";
    public static readonly string[] All = [Sandbox, Chapa, Telebirr];
}

/// <summary>How many payment attempts failed (declined, abandoned, expired) that were started in [From, To), for a dashboard.</summary>
public sealed record CountPaymentFailures(DateTimeOffset From, DateTimeOffset To) : IQuery<int>;
