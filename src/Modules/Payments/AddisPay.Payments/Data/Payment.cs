using AddisPay.Payments.Contracts;

namespace AddisPay.Payments.Data;

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

/// <summary>Every webhook call received, accepted or not: the audit trail of what gateways (or forgers) sent.</summary>
internal sealed class WebhookReceipt
{
    public long Id { get; set; }
    public string Gateway { get; set; } = "";
    public string? Reference { get; set; }
    public string BodySha256 { get; set; } = "";
    public string Outcome { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
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
