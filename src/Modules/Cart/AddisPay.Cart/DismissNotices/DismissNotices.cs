using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace AddisPay.Cart.DismissNotices;

internal sealed record DismissNoticesCommand(Guid CartId, Guid? UserId, IReadOnlyCollection<Guid> EventIds) : ICommand<CartView>;

internal sealed class DismissNoticesHandler(DocumentWork<ICartStore> work, CartExpiry expiry) : ICommandHandler<DismissNoticesCommand, CartView>
{
    public async ValueTask<CartView> Handle(DismissNoticesCommand command, CancellationToken ct)
    {
        var cart = await work.ChangeForCustomerAsync(command.CartId, command.UserId, expiry, cart => cart.DismissNotices(command.EventIds), ct);
        return CartView.From(cart);
    }
}

internal static class DismissNoticesEndpoint
{
    public static void MapDismissNotices(this IEndpointRouteBuilder api) =>
        api.MapDelete("/{cartId:guid}/notices", async (Guid cartId, [FromQuery(Name = "eventId")] Guid[]? eventIds, ClaimsPrincipal user, ISender sender,
                    CancellationToken ct) =>
                Results.Ok(await sender.Send(new DismissNoticesCommand(cartId, user.UserId(), eventIds ?? []), ct)))
            .AllowAnonymous() // the holder of an anonymous cart's id; an owned cart answers only to its owner
            .WithName("DismissNotices")
            .WithSummary("Marks the price and availability notices as seen: those of the eventId values given, or all of them.")
            .Produces<CartView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
