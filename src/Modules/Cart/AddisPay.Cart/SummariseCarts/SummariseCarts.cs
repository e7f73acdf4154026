using AddisPay.Cart.Data;
using AddisPay.Cart.Domain;
using AddisPay.Cart.Contracts;
using Marten;
using Mediator;

namespace AddisPay.Cart.SummariseCarts;

internal sealed class GetCartSummaryHandler(ICartStore store, CartExpiry expiry) : IQueryHandler<GetCartSummary, CartSummary?>, IQueryHandler<GetCartsOfUser, IReadOnlyList<CartSummary>>
{
    public async ValueTask<IReadOnlyList<CartSummary>> Handle(GetCartsOfUser query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var carts = await session.Query<Domain.Cart>().Where(c => c.OwnerId == query.UserId).ToListAsync(ct);
        return carts.Select(Summarise).ToList();
    }

    private static CartSummary Summarise(Domain.Cart cart) =>
        new(cart.Id, cart.Lines.Select(l => new CartSummaryLine(l.ProductId, l.Sku, l.Quantity, l.UnitPriceEtb, l.Name, l.NameAm,
                !l.Discontinued && l.Available >= l.Quantity)).ToList(),
            cart.SubtotalEtb, cart.VatEtb, cart.TotalEtb, cart.OwnerId);

    public async ValueTask<CartSummary?> Handle(GetCartSummary query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var cart = await session.LoadAsync<Domain.Cart>(query.CartId, ct);
        return cart is null || expiry.HasExpired(cart) ? null : Summarise(cart);
    }
}
