using System.Security.Claims;

namespace AddisPay.Cart.ClearCart;

internal sealed record ClearCartCommand(Guid CartId, Guid? UserId) : ICommand<CartView>;

/// <summary>Empties the cart but keeps it (and its id, the visitor's token).</summary>
internal sealed class ClearCartHandler(DocumentWork<ICartStore> work, CartExpiry expiry) : ICommandHandler<ClearCartCommand, CartView>
{
    public async ValueTask<CartView> Handle(ClearCartCommand command, CancellationToken ct)
    {
        var cart = await work.ChangeForCustomerAsync(command.CartId, command.UserId, expiry, cart => cart.Clear(), ct);
        return CartView.From(cart);
    }
}

internal static class ClearCartEndpoint
{
    public static void MapClearCart(this IEndpointRouteBuilder api) =>
        api.MapDelete("/{cartId:guid}/items", async (Guid cartId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new ClearCartCommand(cartId, user.UserId()), ct)))
            .AllowAnonymous() // the holder of an anonymous cart's id; an owned cart answers only to its owner
            .WithName("ClearCart")
            .WithSummary("Removes every line (and notice) from the cart.")
            .Produces<CartView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
