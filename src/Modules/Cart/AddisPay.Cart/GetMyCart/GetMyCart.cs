using System.Security.Claims;

namespace AddisPay.Cart.GetMyCart;

/// <summary>The signed-in user's cart, started empty the first time.</summary>
internal sealed record GetMyCartCommand(Guid UserId) : ICommand<CartView>;

internal sealed class GetMyCartHandler(ICartStore store, CartExpiry expiry) : ICommandHandler<GetMyCartCommand, CartView>
{
    public async ValueTask<CartView> Handle(GetMyCartCommand command, CancellationToken ct) =>
        CartView.From(await store.OwnedCartAsync(command.UserId, expiry, ct));
}

internal static class GetMyCartEndpoint
{
    public static void MapGetMyCart(this IEndpointRouteBuilder api) =>
        api.MapGet("/mine", async (ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetMyCartCommand(user.UserId()!.Value), ct)))
            .RequireAuthorization(Policies.Customer)
            .WithName("GetMyCart")
            .WithSummary("The signed-in user's cart (the visitor's cart is merged into it at sign-in).")
            .Produces<CartView>();
}
