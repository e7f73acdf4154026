using AddisPay.Market;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

public sealed record OrderView(Guid Id, string Number, Guid CustomerId, string Status, IReadOnlyList<OrderLine> Lines, OrderAmounts Amounts, string Currency,
    decimal VatRate, string? CouponCode, ShippingAddress ShippingAddress, DateTimeOffset PlacedAt, DateTimeOffset PaymentDueBy, DateTimeOffset? PaidAt,
    string? Gateway, string? PaymentReference, string? Carrier, string? TrackingNumber, string? CancellationReason, decimal RefundedEtb,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<RefundView> Refunds)
{
    internal static OrderView From(Order o, IEnumerable<OrderRefund>? refunds = null) => new(o.Id, o.Number, o.CustomerId, StatusName(o.Status), o.Lines, o.Amounts,
        o.Currency, Vat.Rate, o.CouponCode, o.ShippingAddress, o.PlacedAt, o.PaymentDueBy, o.PaidAt, o.Gateway, o.PaymentReference,
        o.Carrier, o.TrackingNumber, o.CancellationReason, o.RefundedEtb,
        o.Timeline.Select(s => new TimelineEntry(StatusName(s.To), s.At, s.Actor, s.Note, s.Event)).ToList(),
        (refunds ?? []).OrderBy(r => r.IssuedAt).Select(RefundView.From).ToList());

    /// <summary>snake_case names in the API: pending_payment, refund_requested...</summary>
    public static string StatusName(OrderStatus s) => Order.Describe(s).Replace(' ', '_');

    public static bool TryParseStatus(string? name, out OrderStatus status)
    {
        foreach (var s in Enum.GetValues<OrderStatus>())
            if (string.Equals(StatusName(s), name, StringComparison.OrdinalIgnoreCase)) { status = s; return true; }
        status = default;
        return false;
    }
}

/// <summary>One step of the tracking timeline a customer sees.</summary>
/// <param name="Event">What a step that is not a status change recorded (AddisPay.Orders.Contracts.OrderTrackingEvents), or null.</param>
public sealed record TimelineEntry(string Status, DateTimeOffset At, string Actor, string? Note, string? Event = null);

/// <param name="Kind">refund, or cancellation (units cancelled before shipping).</param>
/// <param name="Breakdown">The units, shipping and VAT given back; null for a refund of an amount alone.</param>
public sealed record RefundView(Guid Id, decimal AmountEtb, string Reason, string Status, DateTimeOffset IssuedAt, DateTimeOffset? CompletedAt,
    string Kind = OrderRefund.Refund, RefundBreakdown? Breakdown = null)
{
    internal static RefundView From(OrderRefund r) =>
        new(r.Id, r.AmountEtb, r.Reason, r.Status.ToString().ToLowerInvariant(), r.IssuedAt, r.CompletedAt, r.Kind, r.Breakdown);
}

public sealed record OrderSummaryView(Guid Id, string Number, string Status, decimal TotalEtb, int Items, DateTimeOffset PlacedAt, Guid CustomerId)
{
    internal static OrderSummaryView From(Order o) => new(o.Id, o.Number, OrderView.StatusName(o.Status), o.TotalEtb, o.Lines.Sum(l => l.Quantity), o.PlacedAt, o.CustomerId);
}

public sealed record OrderPage(IReadOnlyList<OrderSummaryView> Items, int Page, int PageSize, int Total);
