namespace AddisPay.Cart.GetCartsOfUser;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Cart.Contracts;

internal sealed class GetCartsOfUserHandler(ICartStore store) : IQueryHandler<GetCartsOfUser, IReadOnlyList<CartSummary>>
{
    public async ValueTask<IReadOnlyList<CartSummary>> Handle(GetCartsOfUser query, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var carts = await session.Query<Domain.Cart>().Where(c => c.OwnerId == query.UserId).ToListAsync(ct);
        return carts.Select(CartContractViews.Summarise).ToList();
    }
}
