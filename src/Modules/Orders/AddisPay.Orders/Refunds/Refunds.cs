using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Market;
using AddisPay.Orders.Data;
using AddisPay.Orders.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Orders.Refunds;

public sealed record RefundRequestRequest([property: Required, StringLength(500, MinimumLength = 3)] string? Reason);

public sealed record IssueRefundRequest(
    [property: Required, Range(typeof(decimal), "0.01", "10000000", ErrorMessage = "The amount must be between 0.01 and 10,000,000 ETB."), Santim] decimal? AmountEtb,
    [property: Required, StringLength(300, MinimumLength = 3)] string? Reason);

internal sealed record RequestRefundCommand(Guid OrderId, Guid CustomerId, string Reason) : ICommand<OrderView>;
internal sealed record DeclineRefundCommand(Guid OrderId, string Staff) : ICommand<OrderView>;
/// <param name="StaffId">Whose Idempotency-Keys <paramref name="IdempotencyKey"/> is among (the staff member's user id).</param>
internal sealed record IssueRefundCommand(Guid OrderId, string Staff, decimal AmountEtb, string Reason, Guid StaffId = default, string? IdempotencyKey = null)
    : ICommand<Keyed<OrderView>>;

/// <summary>
/// Refunds: a customer asks (refund requested), staff decline it (back where the order was) or issue a full
/// or partial refund, which Payments carries out; the order becomes refunded or partially refunded when
/// the gateway confirms (Saga/PaymentOutcomes).
/// </summary>
internal sealed class RefundHandlers(OrderChanges changes, OrdersDbContext db, RequestKeys keys)
    : ICommandHandler<RequestRefundCommand, OrderView>, ICommandHandler<DeclineRefundCommand, OrderView>, ICommandHandler<IssueRefundCommand, Keyed<OrderView>>
{
    public async ValueTask<OrderView> Handle(RequestRefundCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, command.CustomerId, false, (order, now) =>
        {
            var before = order.Status;
            order.MoveTo(OrderStatus.RefundRequested, Actors.Customer(command.CustomerId), now, command.Reason);
            order.StatusBeforeRefundRequest = before;
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>([]);
        }, ct);

    public async ValueTask<OrderView> Handle(DeclineRefundCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, (order, now) =>
        {
            if (order.Status != OrderStatus.RefundRequested) throw new ConflictException($"Order {order.Number} has no open refund request.");
            order.MoveTo(order.StatusBeforeRefundRequest ?? OrderStatus.Delivered, command.Staff, now, "Refund request declined");
            order.StatusBeforeRefundRequest = null;
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>([]);
        }, ct);

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

internal static class RefundEndpoints
{
    public static void MapRefunds(this IEndpointRouteBuilder api)
    {
        api.MapPost("/{orderId:guid}/refund-request", async (Guid orderId, RefundRequestRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new RequestRefundCommand(orderId, user.UserId()!.Value, request.Reason!), ct)))
            .Validate<RefundRequestRequest>()
            .RequireAuthorization(Policies.Customer)
            .WithName("RequestRefund")
            .WithSummary("The customer asks for their money back (after payment).")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{orderId:guid}/refund-request/decline", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DeclineRefundCommand(orderId, Actors.StaffOf(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("DeclineRefund")
            .WithSummary("Staff decline a refund request; the order returns to where it was.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

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
}
