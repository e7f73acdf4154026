using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

public enum ReturnStatus { Requested, Approved, Refused, Received }

/// <summary>
/// A customer's request to send back delivered units: staff approve or refuse it, then record the goods' arrival, each
/// line restocked or written off, which refunds the units (and the shipping fee when staff say so) with a credit note.
/// </summary>
internal sealed class ReturnRequest
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid CustomerId { get; set; }
    public ReturnStatus Status { get; set; }
    public List<ReturnLine> Lines { get; set; } = [];
    public string Reason { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? RefusalReason { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    /// <summary>The refund the goods' arrival issued.</summary>
    public Guid? RefundId { get; set; }
}

/// <summary>What becomes of returned units: back on the shelf, or written off (damaged, unsellable).</summary>
internal static class ReturnOutcomes
{
    public const string Restock = "restock";
    public const string WriteOff = "write_off";
}

/// <summary>Whether a delivered order can still be returned.</summary>
internal static class ReturnWindow
{
    /// <summary>When the order was delivered (its last step into delivered), or null if it never was.</summary>
    public static DateTimeOffset? DeliveredAt(IEnumerable<OrderStep> timeline) =>
        timeline.LastOrDefault(s => s.To == OrderStatus.Delivered && s.From != OrderStatus.Delivered)?.At;

    /// <summary>Open from delivery until <paramref name="window"/> later (that instant included).</summary>
    public static bool IsOpen(DateTimeOffset? deliveredAt, DateTimeOffset now, TimeSpan window) =>
        deliveredAt is { } at && now >= at && now <= at + window;
}

public sealed record ReturnView(Guid Id, Guid OrderId, string Status, IReadOnlyList<ReturnLine> Lines, string Reason, DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt, string? RefusalReason, DateTimeOffset? ReceivedAt, Guid? RefundId)
{
    internal static ReturnView From(ReturnRequest r) => new(r.Id, r.OrderId, r.Status.ToString().ToLowerInvariant(), r.Lines, r.Reason, r.RequestedAt,
        r.DecidedAt, r.RefusalReason, r.ReceivedAt, r.RefundId);
}
