using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

public enum OrderStatus { PendingPayment, Paid, Processing, Shipped, Delivered, Cancelled, RefundRequested, PartiallyRefunded, Refunded }

/// <summary>
/// An order: what was bought at which price, where it goes, and where it stands. Every change of
/// <see cref="Status"/> goes through <see cref="MoveTo"/>, which refuses transitions the life cycle does not
/// allow (409) and writes the step to the tracking timeline with its time and actor.
/// </summary>
internal sealed class Order
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid CustomerId { get; set; }
    public Guid? CartId { get; set; }
    public OrderStatus Status { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
    public decimal SubtotalEtb { get; set; }
    public decimal DiscountEtb { get; set; }
    public decimal ShippingEtb { get; set; }
    public decimal VatEtb { get; set; }
    public decimal TotalEtb { get; set; }
    public string Currency { get; set; } = "ETB";
    public string? CouponCode { get; set; }
    public ShippingAddress ShippingAddress { get; set; } = new();
    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset PaymentDueBy { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? Gateway { get; set; }
    public string? PaymentReference { get; set; }
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
    public string? CancellationReason { get; set; }
    /// <summary>Refunds confirmed by the gateway.</summary>
    public decimal RefundedEtb { get; set; }
    /// <summary>Status before a refund request, to return to when the request is declined.</summary>
    public OrderStatus? StatusBeforeRefundRequest { get; set; }
    public List<OrderStep> Timeline { get; set; } = [];
    public uint Version { get; set; }

    public OrderAmounts Amounts => new(SubtotalEtb, DiscountEtb, ShippingEtb, VatEtb, TotalEtb);

    public bool WasPaid => PaidAt is not null;

    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Processing, OrderStatus.Cancelled, OrderStatus.RefundRequested, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.RefundRequested, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.RefundRequested, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.RefundRequested, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.RefundRequested] = [OrderStatus.PartiallyRefunded, OrderStatus.Refunded,
            OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered], // declined: back where it was
        [OrderStatus.PartiallyRefunded] = [OrderStatus.RefundRequested, OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public bool CanMoveTo(OrderStatus to) => Allowed[Status].Contains(to);

    public void MoveTo(OrderStatus to, string actor, DateTimeOffset at, string? note = null)
    {
        if (!CanMoveTo(to))
            throw new ConflictException($"Order {Number} is {Describe(Status)} and can't become {Describe(to)}.")
            {
                Reason = Refusal.Of("order.status", ("order", Number), ("status", OrderView.StatusName(Status)), ("target", OrderView.StatusName(to)))
            };
        Timeline.Add(new OrderStep(Status, to, at, actor, note));
        Status = to;
    }

    /// <summary>
    /// Where a gateway-confirmed refund of the order's own money leaves it, or null when it stays where it is. Money and
    /// fulfilment are two questions, as a shop's books keep them: a partial refund before delivery leaves the rest of the
    /// goods on their way, so the order keeps its fulfilment state (it can still be processed, shipped and delivered) and
    /// RefundedEtb says what went back; once delivered, partially_refunded is what it is. All of the money back is
    /// refunded, whatever the goods. A refund request answered with part of the money is settled: the order goes back to
    /// where it was before the request, as a declined one does (partially_refunded if that was delivered).
    /// </summary>
    public static OrderStatus? StatusAfterRefund(OrderStatus status, OrderStatus? beforeRequest, bool full)
    {
        if (full) return OrderStatus.Refunded;
        var fulfilment = status == OrderStatus.RefundRequested ? beforeRequest ?? OrderStatus.Delivered : status;
        if (fulfilment is OrderStatus.Paid or OrderStatus.Processing or OrderStatus.Shipped)
            return fulfilment == status ? null : fulfilment;
        return OrderStatus.PartiallyRefunded;
    }

    /// <summary>
    /// A step that is not a status change (a refund issued, a return asked for) but belongs on the timeline;
    /// <paramref name="event"/> (one of <see cref="OrderTrackingEvents"/>) names it for pages that say it in their own words.
    /// </summary>
    public void Note(string @event, string actor, DateTimeOffset at, string note) => Timeline.Add(new OrderStep(Status, Status, at, actor, note, @event));

    public static string Describe(OrderStatus s) => s switch
    {
        OrderStatus.PendingPayment => "pending payment",
        OrderStatus.RefundRequested => "refund requested",
        OrderStatus.PartiallyRefunded => "partially refunded",
        _ => s.ToString().ToLowerInvariant()
    };
}

/// <summary>One entry of the tracking timeline.</summary>
/// <param name="Actor">customer:{id}, admin:{id}, payments or system.</param>
/// <param name="Event">What a step that is not a status change recorded (<see cref="OrderTrackingEvents"/>); null for a status change.</param>
public sealed record OrderStep(OrderStatus From, OrderStatus To, DateTimeOffset At, string Actor, string? Note, string? Event = null);

public sealed class ShippingAddress
{
    public string Recipient { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Region { get; set; } = "";
    public string City { get; set; } = "";
    public string? SubCity { get; set; }
    public string? Woreda { get; set; }
    public string Details { get; set; } = "";
}

/// <summary>Who acted, as written on the timeline.</summary>
internal static class Actors
{
    public const string Payments = "payments";
    public const string System = "system";
    public static string Customer(Guid id) => $"customer:{id}";
    public static string Admin(string id) => $"admin:{id}";

    /// <summary>The staff member behind a request, by the token's subject.</summary>
    public static string StaffOf(System.Security.Claims.ClaimsPrincipal user) => Admin(user.FindFirst("sub")?.Value ?? "unknown");
}
