using AddisPay.Cart.Expiry;
using AddisPay.Shared.Contracts;
using JasperFx;
using Marten;

namespace AddisPay.Cart.Baskets;

/// <summary>The rules every customer-facing cart use case loads and saves a cart by.</summary>
internal static class CartAccess
{
    /// <summary>
    /// The cart, if <paramref name="userId"/> (null when anonymous) may use it. Someone else's cart and a
    /// cart that expired but is not swept yet are reported exactly like a missing one.
    /// </summary>
    public static async Task<Cart> LoadForCustomerAsync(this IQuerySession session, Guid cartId, Guid? userId, CartExpiry expiry, CancellationToken ct)
    {
        var cart = await session.LoadAsync<Cart>(cartId, ct);
        if (cart is null || !cart.IsAccessibleTo(userId) || expiry.HasExpired(cart)) throw new NotFoundException($"Cart {cartId} does not exist.");
        return cart;
    }

    public static CartLine LineOrNotFound(this Cart cart, string sku) =>
        cart.LineFor(sku) ?? throw new NotFoundException($"The cart holds no SKU {sku}.");

    /// <summary>Saves under the optimistic version check: a cart changed by another request meanwhile is a 409.</summary>
    public static async Task SaveCheckedAsync(this IDocumentSession session, Cart cart, CancellationToken ct)
    {
        session.Update(cart);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            throw new ConflictException("The cart changed at the same time; read it again and retry.") { Reason = Refusal.Of("cart.changed") };
        }
    }
}
