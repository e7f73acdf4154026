using AddisPay.Cart.Baskets;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Cart.GetCart;

internal sealed record GetCartQuery(Guid CartId) : IQuery<CartView>;

internal sealed class GetCartHandler(ICartStore store) : IQueryHandler<GetCartQuery, CartView>
{
    public async ValueTask<CartView> Handle(GetCartQuery query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var cart = await session.LoadAsync<Baskets.Cart>(query.CartId, ct)
            ?? throw new NotFoundException($"Cart {query.CartId} does not exist.");
        return CartView.From(cart);
    }
}

internal static class GetCartEndpoint
{
    public static void MapGetCart(this IEndpointRouteBuilder api) =>
        api.MapGet("/{cartId:guid}", async (Guid cartId, ISender sender, CancellationToken ct) => Results.Ok(await sender.Send(new GetCartQuery(cartId), ct)))
            .AllowAnonymous()
            .WithName("GetCart")
            .WithSummary("The cart with its totals in ETB, 15% VAT broken out, and any price changes since it was filled.")
            .Produces<CartView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
