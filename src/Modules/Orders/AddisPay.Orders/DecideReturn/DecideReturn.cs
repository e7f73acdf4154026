using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.DecideReturn;

public sealed record RefuseReturnRequest([property: Required, StringLength(300, MinimumLength = 3)] string? Reason);

internal sealed record DecideReturnCommand(Guid OrderId, Guid ReturnId, string Staff, string? RefusalReason) : ICommand<ReturnView>;

/// <summary>Staff approve a requested return (the customer sends the goods) or refuse it, saying why (its units may be asked for again).</summary>
internal sealed class DecideReturnHandler(OrderChanges changes, OrdersDbContext db) : ICommandHandler<DecideReturnCommand, ReturnView>
{
    public async ValueTask<ReturnView> Handle(DecideReturnCommand command, CancellationToken ct)
    {
        ReturnRequest? decided = null;
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, async (order, now) =>
        {
            decided = await Returning.OpenAsync(db, order, command.ReturnId, ReturnStatus.Requested, ct);
            decided.DecidedBy = command.Staff;
            decided.DecidedAt = now;
            if (command.RefusalReason is { } why)
            {
                decided.Status = ReturnStatus.Refused;
                decided.RefusalReason = why;
                order.Note(OrderTrackingEvents.ReturnRefused, command.Staff, now, $"Return refused: {why}");
                return [new ReturnRefused(decided.Id, order.Id, order.Number, order.CustomerId, why)];
            }
            decided.Status = ReturnStatus.Approved;
            order.Note(OrderTrackingEvents.ReturnApproved, command.Staff, now, $"Return approved: {Returning.Units(decided.Lines)}");
            return [new ReturnApproved(decided.Id, order.Id, order.Number, order.CustomerId, decided.Lines)];
        }, ct);
        return ReturnView.From(decided!);
    }
}

internal static class DecideReturnEndpoint
{
    public static void MapDecideReturn(this IEndpointRouteBuilder api)
    {
        api.MapPost("/{orderId:guid}/returns/{returnId:guid}/approve", async (Guid orderId, Guid returnId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DecideReturnCommand(orderId, returnId, Actors.StaffOf(user), null), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("ApproveReturn")
            .WithSummary("Staff accept a requested return: the customer sends the goods back. A return not waiting for a decision is a 409.")
            .Produces<ReturnView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/{orderId:guid}/returns/{returnId:guid}/refuse", async (Guid orderId, Guid returnId, RefuseReturnRequest request, ClaimsPrincipal user,
                ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new DecideReturnCommand(orderId, returnId, Actors.StaffOf(user), request.Reason!.Trim()), ct)))
            .Validate<RefuseReturnRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("RefuseReturn")
            .WithSummary("Staff refuse a requested return, saying why; its units may be asked for again. A return not waiting for a decision is a 409.")
            .Produces<ReturnView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
