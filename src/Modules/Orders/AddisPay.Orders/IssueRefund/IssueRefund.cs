using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Orders.IssueRefund;

public sealed record IssueRefundRequest(
    [property: Required, Range(typeof(decimal), "0.01", "10000000", ErrorMessage = "The amount must be between 0.01 and 10,000,000 ETB."), Santim] decimal? AmountEtb,
    [property: Required, StringLength(300, MinimumLength = 3)] string? Reason);

/// <param name="StaffId">Whose Idempotency-Keys <paramref name="IdempotencyKey"/> is among (the staff member's user id).</param>
internal sealed record IssueRefundCommand(Guid OrderId, string Staff, decimal AmountEtb, string Reason, Guid StaffId = default, string? IdempotencyKey = null)
    : ICommand<Keyed<OrderView>>;

/// <summary>
/// Staff issue a full or partial refund of a paid order, which Payments carries out; the order becomes refunded or partially
/// refunded when the gateway confirms (PaymentOutcomes). A customer's request is declined in DeclineRefund.
/// </summary>
internal sealed class IssueRefundHandler(OrderChanges changes, OrdersDbContext db, RequestKeys keys) : ICommandHandler<IssueRefundCommand, Keyed<OrderView>>
{
    // With an Idempotency-Key the refund and its stored answer commit together: a retry after a crash can't refund twice.
    public async ValueTask<Keyed<OrderView>> Handle(IssueRefundCommand command, CancellationToken ct) =>
        await keys.OnceAsync<OrderView>(RequestKeys.Refund, command.StaffId, command.IdempotencyKey,
            new { command.OrderId, command.AmountEtb, command.Reason }, answered =>
                changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
                {
                    if (!order.WasPaid || order.Status is OrderStatus.Refunded)
                        throw new ConflictException($"Order {order.Number} is {Order.Describe(order.Status)}; there is nothing to refund.");
                    var refundable = await Refunding.RefundableAsync(db, order, ct);
                    if (command.AmountEtb > refundable)
                        throw new ConflictException($"At most {refundable:0.00} ETB of order {order.Number} can still be refunded.");
                    return await Refunding.IssueAsync(db, order, command.AmountEtb, command.Reason, command.Staff, now, ct);
                }, ct, answered), ct);
}

internal static class IssueRefundEndpoint
{
    public static void MapIssueRefund(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/refunds", async (Guid orderId, IssueRefundRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                ClaimsPrincipal user, ISender sender, HttpResponse response, CancellationToken ct) =>
            {
                if (RequestKeys.Problem(idempotencyKey) is { } problem)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [problem] });
                var refunded = await sender.Send(new IssueRefundCommand(orderId, Actors.StaffOf(user), request.AmountEtb!.Value, request.Reason!,
                    user.UserId() ?? Guid.Empty, idempotencyKey), ct);
                if (refunded.Replayed) response.Headers["Idempotent-Replayed"] = "true";
                return Results.Ok(refunded.Value);
            })
            .Validate<IssueRefundRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("IssueRefund")
            .WithSummary("Staff refund all or part of a paid order through the gateway that took the money. With an Idempotency-Key header a retry " +
                "refunds nothing twice: the same key and body get the first answer again (Idempotent-Replayed: true), another body 422, and 409 while the first is still working.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
