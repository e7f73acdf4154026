namespace AddisPay.Cart.GetCartSummary;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

internal sealed class GetCartSummaryHandler(ICartStore store, CartExpiry expiry) : IQueryHandler<GetCartSummary, CartSummary?>
{
    public async ValueTask<CartSummary?> Handle(GetCartSummary query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var cart = await session.LoadAsync<Domain.Cart>(query.CartId, ct);
        return cart is null || expiry.HasExpired(cart) ? null : CartContractViews.Summarise(cart);
    }
}
