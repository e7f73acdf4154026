using System.Security.Claims;

namespace AddisPay.Cart.RemoveItem;

internal sealed record RemoveItemCommand(Guid CartId, Guid? UserId, string Sku) : ICommand<CartView>;

internal sealed class RemoveItemHandler(DocumentWork<ICartStore> work, CartExpiry expiry) : ICommandHandler<RemoveItemCommand, CartView>
{
    public async ValueTask<CartView> Handle(RemoveItemCommand command, CancellationToken ct)
    {
        var cart = await work.ChangeForCustomerAsync(command.CartId, command.UserId, expiry, cart => cart.Remove(cart.LineOrNotFound(command.Sku)), ct);
        return CartView.From(cart);
    }
}

internal static class RemoveItemEndpoint
{
    public static void MapRemoveItem(this IEndpointRouteBuilder api) =>
        api.MapDelete("/{cartId:guid}/items/{sku}", async (Guid cartId, string sku, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new RemoveItemCommand(cartId, user.UserId(), sku), ct)))
            .AllowAnonymous() // the holder of an anonymous cart's id; an owned cart answers only to its owner
            .WithName("RemoveItem")
            .WithSummary("Takes a line out of the cart and answers the cart as it now is.")
            .Produces<CartView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
