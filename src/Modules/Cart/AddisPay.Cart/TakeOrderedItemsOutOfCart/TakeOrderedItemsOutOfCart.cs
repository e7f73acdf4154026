using AddisPay.Orders.Contracts;
using Marten.Services;

namespace AddisPay.Cart.TakeOrderedItemsOutOfCart;

/// <summary>
/// An order placed from a cart takes its items out of it: exactly the ordered quantities, so whatever the
/// customer added after placing the order stays. Runs inside the inbox transaction, so a redelivered
/// OrderPlaced changes nothing more.
/// </summary>
internal sealed class TakeOrderedItemsOutOfCart(DocumentWork<ICartStore> work) : IIntegrationEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced e, IntegrationEventContext context, CancellationToken ct)
    {
        if (e.CartId is not { } cartId) return;
        var session = work.Session; // in the inbox's transaction; saved after the handler
        var cart = await session.LoadAsync<Domain.Cart>(cartId, ct);
        // Only the customer's own cart (or the anonymous one they ordered from) is touched.
        if (cart is null || (cart.OwnerId is not null && cart.OwnerId != e.CustomerId)) return;
        if (!cart.TakeOrdered(e.Lines.Select(l => (l.ProductId, l.Sku, l.Quantity)))) return;
        session.Update(cart);
    }
}
