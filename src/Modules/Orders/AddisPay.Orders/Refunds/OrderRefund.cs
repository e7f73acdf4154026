namespace AddisPay.Orders.Refunds;

public enum RefundStatus { Issued, Succeeded, Failed }

/// <summary>Money Orders decided to return; Payments carries it out and reports back by event.</summary>
internal sealed class OrderRefund
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public decimal AmountEtb { get; set; }
    public string Reason { get; set; } = "";
    public RefundStatus Status { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
}
