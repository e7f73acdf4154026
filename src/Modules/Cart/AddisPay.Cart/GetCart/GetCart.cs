using System.Security.Claims;

namespace AddisPay.Cart.GetCart;

internal sealed record GetCartQuery(Guid CartId, Guid? UserId) : IQuery<CartView>;

internal sealed class GetCartHandler(ICartStore store, CartExpiry expiry) : IQueryHandler<GetCartQuery, CartView>
{
    public async ValueTask<CartView> Handle(GetCartQuery query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return CartView.From(await session.LoadForCustomerAsync(query.CartId, query.UserId, expiry, ct));
    }
}

internal static class GetCartEndpoint
{
    public static void MapGetCart(this IEndpointRouteBuilder api) =>
        api.MapGet("/{cartId:guid}", async (Guid cartId, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                Results.Ok(await sender.Send(new GetCartQuery(cartId, user.UserId()), ct)))
            .AllowAnonymous()
            .WithName("GetCart")
            .WithSummary("The cart with its totals in ETB, 15% VAT broken out, and any price changes since it was filled.")
            .Produces<CartView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
