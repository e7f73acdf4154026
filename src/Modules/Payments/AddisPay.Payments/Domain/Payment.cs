using AddisPay.Payments.Contracts;

namespace AddisPay.Payments.Domain;

public enum PaymentStatus { Pending, Succeeded, Failed }

/// <summary>One attempt to pay one order at one gateway. <see cref="Reference"/> is the tx_ref the gateway knows it by.</summary>
internal sealed class Payment
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public Guid CustomerId { get; set; }
    public string Gateway { get; set; } = "";
    public string Reference { get; set; } = "";
    public decimal AmountEtb { get; set; }
    public string Currency { get; set; } = "ETB";
    public PaymentStatus Status { get; set; }
    public string? CheckoutUrl { get; set; }
    public string? ReturnUrl { get; set; }
    public Bill Bill { get; set; } = new([], 0, 0, 0, 0, 0);
    public PayerDetails Payer { get; set; } = new("", "", null, "en");
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }
    public string? GatewayReference { get; set; }
    public string? FailureReason { get; set; }
    public decimal RefundedEtb { get; set; }

    public PaymentSession ToSession() => new(Id, OrderId, Gateway, Reference, CheckoutUrl ?? "", AmountEtb, Status.ToString().ToLowerInvariant());
}

public enum RefundStatus { Pending, Succeeded, Failed }

internal sealed class PaymentRefund
{
    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public Guid OrderId { get; set; }
    public decimal AmountEtb { get; set; }
    public string Reason { get; set; } = "";
    public RefundStatus Status { get; set; }
    public string? GatewayReference { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>A receipt for a paid order. Numbers are sequential per year without gaps (taken in the payment's transaction).</summary>
internal sealed class Invoice
{
    public string Number { get; set; } = "";
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public Guid PaymentId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public Bill Bill { get; set; } = new([], 0, 0, 0, 0, 0);
    public PayerDetails Payer { get; set; } = new("", "", null, "en");
    public string Gateway { get; set; } = "";
    public string Reference { get; set; } = "";
}

/// <summary>
/// A webhook call whose signature verified, whatever was then decided: the audit trail of what the gateways sent.
/// Calls that don't verify are only counted (<see cref="UnverifiedWebhookCount"/>): anyone can send them.
/// </summary>
internal sealed class WebhookReceipt
{
    public long Id { get; set; }
    public string Gateway { get; set; } = "";
    public string? Reference { get; set; }
    public string BodySha256 { get; set; } = "";
    public string Outcome { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>
/// Webhook calls that did not verify (a bad or missing signature, or a gateway we don't have), counted per gateway and
/// hour. A flood of forgeries moves a counter instead of adding rows, so the table holds at most (gateways + 1) × 24 ×
/// retention days rows; expired hours are purged by the reconciliation loop.
/// </summary>
internal sealed class UnverifiedWebhookCount
{
    /// <summary>One of ours, or "unknown" for any other name (the name is the caller's, so it never becomes a key).</summary>
    public string Gateway { get; set; } = "";
    public DateTimeOffset Hour { get; set; }
    public long Calls { get; set; }
}

/// <summary>The sandbox gateway's own record of a charge, as a real gateway would keep it on its side.</summary>
internal sealed class SandboxCharge
{
    public string Reference { get; set; } = "";
    public decimal AmountEtb { get; set; }
    public string Currency { get; set; } = "ETB";
    public string Description { get; set; } = "";
    public string? ReturnUrl { get; set; }
    /// <summary>null while the customer has not chosen; success, failure or delayed (paid, but the webhook never comes).</summary>
    public string? Outcome { get; set; }
    public decimal RefundedEtb { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The last receipt number used in a year.</summary>
internal sealed class InvoiceCounter
{
    public int Year { get; set; }
    public long Last { get; set; }
}
