using System.Security.Claims;

namespace AddisPay.Orders.StartProcessing;

internal sealed record StartProcessingCommand(Guid OrderId, string Staff) : ICommand<OrderView>;

/// <summary>Staff start preparing a paid order in the warehouse.</summary>
internal sealed class StartProcessingHandler(OrderChanges changes) : ICommandHandler<StartProcessingCommand, OrderView>
{
    public async ValueTask<OrderView> Handle(StartProcessingCommand command, CancellationToken ct) =>
        await changes.ApplyAsync(command.OrderId, Guid.Empty, true, (order, now) =>
        {
            order.MoveTo(OrderStatus.Processing, command.Staff, now, "Being prepared");
            return Task.FromResult<IReadOnlyCollection<IntegrationEvent>>([]);
        }, ct);
}

internal static class StartProcessingEndpoint
{
    public static void MapStartProcessing(this IEndpointRouteBuilder api) =>
        api.MapPost("/{orderId:guid}/processing", async (Guid orderId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new StartProcessingCommand(orderId, Actors.StaffOf(user)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithName("StartProcessing").WithSummary("A paid order is being prepared.")
            .Produces<OrderView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
