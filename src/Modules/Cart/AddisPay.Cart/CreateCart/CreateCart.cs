namespace AddisPay.Cart.CreateCart;

internal sealed record CreateCartCommand : ICommand<CartView>;

internal sealed class CreateCartHandler(ICartStore store) : ICommandHandler<CreateCartCommand, CartView>
{
    public async ValueTask<CartView> Handle(CreateCartCommand command, CancellationToken ct)
    {
        var cart = Domain.Cart.Start();
        // Not through a session: Marten would wrap the one insert in a transaction of its own.
        await NewCartSql.InsertAsync(store, cart, ct);
        return CartView.From(cart);
    }
}

internal static class CreateCartEndpoint
{
    public static void MapCreateCart(this IEndpointRouteBuilder api) =>
        api.MapPost("/", async (ISender sender, CancellationToken ct) =>
            {
                var cart = await sender.Send(new CreateCartCommand(), ct);
                return Results.Created($"/api/cart/{cart.Id}", cart);
            })
            .AllowAnonymous() // a visitor shops before signing in; the cart id is their token
            .WithName("CreateCart")
            .WithSummary("Starts an empty cart; keep its id as the cart token.")
            .Produces<CartView>(StatusCodes.Status201Created);
}
