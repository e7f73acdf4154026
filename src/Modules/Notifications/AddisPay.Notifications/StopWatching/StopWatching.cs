using System.Security.Claims;

namespace AddisPay.Notifications.StopWatching;

internal sealed record StopWatchingCommand(Guid UserId, Guid ProductId) : ICommand<bool>;

internal sealed class StopWatchingHandler(NotificationsDbContext db) : ICommandHandler<StopWatchingCommand, bool>
{
    public async ValueTask<bool> Handle(StopWatchingCommand command, CancellationToken ct) =>
        await db.Watches.Where(w => w.UserId == command.UserId && w.ProductId == command.ProductId).ExecuteDeleteAsync(ct) > 0;
}

internal static class StopWatchingEndpoint
{
    public static void MapStopWatching(this IEndpointRouteBuilder api) =>
        api.MapDelete("/watches/{productId:guid}", async (Guid productId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                await sender.Send(new StopWatchingCommand(user.UserId()!.Value, productId), ct) ? Results.NoContent()
                    : throw new NotFoundException("You are not watching this product."))
            .RequireAuthorization(Policies.Customer).WithName("StopWatching").WithSummary("Stops waiting for a product.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
}
