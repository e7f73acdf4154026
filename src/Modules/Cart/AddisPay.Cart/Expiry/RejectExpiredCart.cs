using AddisPay.Cart.AddItem;
using AddisPay.Cart.Baskets;
using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Cart.Expiry;

/// <summary>
/// Adding to a cart that has expired but is not swept yet answers 404, as reading it does, instead of
/// bringing it back. A pipeline step, so the add-item use case stays unaware of expiry.
/// </summary>
internal sealed class RejectExpiredCart(ICartStore store, CartExpiry expiry) : IPipelineBehavior<AddItemCommand, CartView>
{
    public async ValueTask<CartView> Handle(AddItemCommand command, MessageHandlerDelegate<AddItemCommand, CartView> next, CancellationToken ct)
    {
        await using (var session = store.QuerySession())
        {
            if (await session.LoadAsync<Baskets.Cart>(command.CartId, ct) is { } cart && expiry.HasExpired(cart))
                throw new NotFoundException($"Cart {command.CartId} does not exist.");
        }
        return await next(command, ct);
    }
}
