using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Gateways;
using Microsoft.Extensions.Logging;

namespace AddisPay.Payments.SettleByHand;

/// <param name="Outcome">succeeded or failed, as the gateway's own records show.</param>
/// <param name="GatewayReference">The gateway's reference of the money received: required for succeeded.</param>
/// <param name="Note">Why, for the record (a call with the gateway's support, its dashboard).</param>
public sealed record SettleByHandRequest(
    [property: Required, RegularExpression("^(succeeded|failed)$", ErrorMessage = "outcome is succeeded or failed.")] string Outcome,
    [property: StringLength(100)] string? GatewayReference = null,
    [property: StringLength(500)] string? Note = null);

internal sealed class SettlePaymentByHandHandler(PaymentsDbContext db, PaymentConfirmation confirmation, ILogger<SettlePaymentByHandHandler> log)
    : ICommandHandler<SettlePaymentByHand, PaymentSettledByHand>
{
    public async ValueTask<PaymentSettledByHand> Handle(SettlePaymentByHand command, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ManualOutcomes.All.Contains(command.Outcome)) errors["outcome"] = ["outcome is succeeded or failed."];
        if (command.Outcome == ManualOutcomes.Succeeded && string.IsNullOrWhiteSpace(command.GatewayReference))
            errors["gatewayReference"] = ["Give the gateway's reference of the money received."];
        if (string.IsNullOrWhiteSpace(command.SettledBy)) errors["settledBy"] = ["Say who settles the payment."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PaymentId, ct)
            ?? throw new NotFoundException("Payment not found.");
        var reference = command.GatewayReference?.Trim();
        if (payment.Status == PaymentStatus.Pending)
        {
            // The staff member's finding stands in for the gateway's answer; the rest is the webhook's path.
            var verdict = command.Outcome == ManualOutcomes.Succeeded
                ? new GatewayVerification(GatewayPaymentStatus.Succeeded, payment.AmountEtb, payment.Currency, reference)
                : new GatewayVerification(GatewayPaymentStatus.Failed, null, null, null,
                    $"Settled by hand as failed by {command.SettledBy}{(string.IsNullOrWhiteSpace(command.Note) ? "" : $": {command.Note.Trim()}")}");
            var outcome = await confirmation.SettleAsync(payment.Reference, verdict, "staff", ct);
            if (outcome is ConfirmationOutcome.Paid or ConfirmationOutcome.Failed)
            {
                log.LogInformation("Payment {Reference} settled by hand as {Outcome} by {SettledBy}: {Note}", payment.Reference, command.Outcome,
                    command.SettledBy, command.Note);
                return new PaymentSettledByHand(payment.Id, payment.OrderId, command.Outcome, false, outcome == ConfirmationOutcome.Paid ? reference : null);
            }
            // Settled meanwhile by a webhook or the reconciliation: answered as any settled payment below.
            payment = await db.Payments.AsNoTracking().FirstAsync(p => p.Id == command.PaymentId, ct);
        }

        var status = payment.Status.ToString().ToLowerInvariant();
        if (status == command.Outcome && (payment.Status == PaymentStatus.Failed || payment.GatewayReference == reference))
            return new PaymentSettledByHand(payment.Id, payment.OrderId, status, true, payment.GatewayReference);
        throw new ConflictException($"The payment is already {status}; only a pending payment can be settled by hand.")
            { Reason = Refusal.Of("payments.already-settled", ("status", status)) };
    }
}

internal static class SettleByHandEndpoints
{
    public static void MapSettleByHand(this IEndpointRouteBuilder api)
    {
        api.MapPost("/{paymentId:guid}/settle", async (Guid paymentId, SettleByHandRequest request, ClaimsPrincipal user, ISender sender,
                CancellationToken ct) =>
                Results.Ok(await sender.Send(new SettlePaymentByHand(paymentId, request.Outcome, request.GatewayReference,
                    $"admin:{user.FindFirst("sub")?.Value ?? "unknown"}", request.Note), ct)))
            .Validate<SettleByHandRequest>()
            .RequireAuthorization(Policies.Admin).WithName("SettlePaymentByHand")
            .WithSummary("Settles a pending payment by hand (succeeded with the gateway's reference, or failed) through the webhook's settlement path.")
            .Produces<PaymentSettledByHand>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
