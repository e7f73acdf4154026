using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.Domain;

public enum RefundStatus { Issued, Succeeded, Failed }

/// <summary>Money Orders decided to return; Payments carries it out and reports back by event.</summary>
internal sealed class OrderRefund
{
    /// <summary>Money given back for units, shipping or an amount; the order's status follows it.</summary>
    public const string Refund = "refund";
    /// <summary>The share of units cancelled before shipping (CancelLines): the rest of the order goes on, its status unchanged.</summary>
    public const string Cancellation = "cancellation";

    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public decimal AmountEtb { get; set; }
    public string Reason { get; set; } = "";
    public RefundStatus Status { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
    public string Kind { get; set; } = Refund;
    /// <summary>The units given back; empty for a refund of an amount alone.</summary>
    public List<RefundLine> Lines { get; set; } = [];
    public decimal? ShippingEtb { get; set; }
    /// <summary>VAT-exclusive part of <see cref="AmountEtb"/>, when the refund has a breakdown (lines, shipping).</summary>
    public decimal? NetEtb { get; set; }
    public decimal? VatEtb { get; set; }

    public RefundBreakdown? Breakdown => NetEtb is { } net ? new RefundBreakdown(Lines, ShippingEtb ?? 0m, net, VatEtb ?? 0m) : null;

    /// <summary>Counts against what the order can still give back: under way or done.</summary>
    public bool Holds => Status != RefundStatus.Failed;
}
