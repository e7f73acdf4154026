using Mediator;

namespace AddisPay.Payments.Contracts;

/// <summary>
/// Everything Payments holds about a customer, for their data export: every payment attempt (with the payer details
/// given to the gateway), the receipts issued to them and the refunds paid back, oldest first.
/// </summary>
public sealed record ExportPaymentsOf(Guid UserId) : IQuery<PaymentsExport>;

public sealed record PaymentsExport(IReadOnlyList<ExportedPayment> Payments, IReadOnlyList<ExportedReceipt> Receipts, IReadOnlyList<ExportedRefund> Refunds,
    IReadOnlyList<ExportedCreditNote> CreditNotes);

/// <summary>A credit note issued for one of the customer's refunds, correcting <paramref name="ReceiptNumber"/>.</summary>
public sealed record ExportedCreditNote(string Number, string ReceiptNumber, Guid OrderId, string OrderNumber, DateTimeOffset IssuedAt, string Reason,
    IReadOnlyList<CreditNoteLine> Lines, decimal ShippingEtb, decimal NetEtb, decimal VatEtb, decimal TotalEtb, PayerDetails Payer);

/// <param name="Status">pending, succeeded or failed.</param>
public sealed record ExportedPayment(Guid PaymentId, Guid OrderId, string OrderNumber, string Gateway, string Reference, decimal AmountEtb, string Currency,
    string Status, PayerDetails Payer, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? FailureReason, decimal RefundedEtb);

/// <param name="Number">INV-yyyy-nnnnnn.</param>
public sealed record ExportedReceipt(string Number, Guid OrderId, string OrderNumber, DateTimeOffset IssuedAt, Bill Bill, PayerDetails Payer, string Gateway,
    string Reference);

/// <param name="Status">pending, succeeded or failed.</param>
public sealed record ExportedRefund(Guid RefundId, Guid PaymentId, Guid OrderId, decimal AmountEtb, string Reason, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt, string? FailureReason);
