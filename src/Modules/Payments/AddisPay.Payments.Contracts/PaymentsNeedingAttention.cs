using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Payments.Contracts;

/// <summary>
/// What staff must look at, oldest first: payments still pending after the reconciliation window (the gateway has not
/// confirmed them either way: a lost webhook the gateway could not answer for, an amount that did not match) and refunds
/// still pending after that window or failed at the gateway. Page from 1, page size up to 200 (for each list).
/// </summary>
public sealed record ListPaymentsNeedingAttention(int Page = 1, int PageSize = 50) : IQuery<PaymentsNeedingAttention>;

public sealed record PaymentsNeedingAttention(IReadOnlyList<PaymentNeedingAttention> Payments, int TotalPayments,
    IReadOnlyList<RefundNeedingAttention> Refunds, int TotalRefunds, int Page, int PageSize);

/// <param name="LastVerificationError">Why the last check settled nothing (the gateway's error, an amount mismatch), if known.</param>
public sealed record PaymentNeedingAttention(Guid PaymentId, Guid OrderId, string OrderNumber, string Gateway, string Reference, decimal AmountEtb,
    DateTimeOffset StartedAt, double AgeMinutes, DateTimeOffset? LastCheckedAt, string? LastVerificationError);

/// <param name="Status">pending or failed.</param>
public sealed record RefundNeedingAttention(Guid RefundId, Guid PaymentId, Guid OrderId, string OrderNumber, string Gateway, decimal AmountEtb,
    string Status, DateTimeOffset IssuedAt, double AgeMinutes, string? FailureReason);

/// <summary>
/// Settles a pending payment by hand once a staff member has established its outcome with the gateway (its dashboard, a
/// call): <c>succeeded</c> with the gateway's reference they read there, or <c>failed</c>. It takes the path a verified
/// webhook takes (the payment row locked, receipt, PaymentSucceeded or PaymentFailed, so the order moves on), once.
/// Safe to repeat: the same settlement again answers <see cref="PaymentSettledByHand.AlreadySettled"/>; a payment already
/// settled otherwise is a 409 (reason <c>payments.already-settled</c>). 404 for an unknown payment.
/// </summary>
public sealed record SettlePaymentByHand(Guid PaymentId, string Outcome, string? GatewayReference, string SettledBy, string? Note = null)
    : ICommand<PaymentSettledByHand>, IIdempotentCommand;

/// <param name="Status">succeeded or failed: the payment's status now.</param>
public sealed record PaymentSettledByHand(Guid PaymentId, Guid OrderId, string Status, bool AlreadySettled, string? GatewayReference);

public static class ManualOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public static readonly string[] All = [Succeeded, Failed];
}
