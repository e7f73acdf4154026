using AddisPay.Cart.Baskets;
using AddisPay.Cart.Contracts;
using Mediator;

namespace AddisPay.Cart.Summary;

internal sealed class GetCartSummaryHandler(ICartStore store) : IQueryHandler<GetCartSummary, CartSummary?>
{
    public async ValueTask<CartSummary?> Handle(GetCartSummary query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var cart = await session.LoadAsync<Baskets.Cart>(query.CartId, ct);
        return cart is null
            ? null
            : new CartSummary(cart.Id, cart.Lines.Select(l => new CartSummaryLine(l.ProductId, l.Sku, l.Quantity, l.UnitPriceEtb)).ToList(),
                cart.SubtotalEtb, cart.VatEtb, cart.TotalEtb);
    }
}
