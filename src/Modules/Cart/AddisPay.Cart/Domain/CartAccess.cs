using JasperFx;
using Npgsql;

namespace AddisPay.Cart.Domain;

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

    /// <summary>Version conflicts a customer's change rides over before it is refused (see <see cref="ChangeForCustomerAsync"/>).</summary>
    public const int Attempts = 3;

    /// <summary>
    /// Loads the customer's cart, applies <paramref name="change"/> and saves it under the optimistic version check, in
    /// one Marten transaction with the events the change raises in <paramref name="work"/>. The platform writes carts
    /// too (availability and price notices, TrackAvailability): when such a write lands between the read and the save,
    /// the cart is read again and the change applied again, so a customer never sees it as a conflict. A cart that
    /// keeps changing for <see cref="Attempts"/> attempts is a 409.
    /// </summary>
    public static async Task<Cart> ChangeForCustomerAsync(this DocumentWork<ICartStore> work, Guid cartId, Guid? userId, CartExpiry expiry,
        Func<Cart, ValueTask> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cart = await work.Session.LoadForCustomerAsync(cartId, userId, expiry, ct);
            await change(cart);
            work.Session.Update(cart);
            try
            {
                // Saved here, not after the handler: a version conflict is retried on the cart as it is now.
                await work.FlushAsync(ct);
                return cart;
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Read again on a fresh session, without this attempt's events: the change is applied to the cart as it is now.
                await work.AbandonAsync();
            }
            catch (ConcurrencyException)
            {
                throw new ConflictException("The cart changed at the same time; read it again and retry.") { Reason = Refusal.Of("cart.changed") };
            }
        }
    }

    /// <summary>
    /// The signed-in user's cart, started empty the first time (an expired one, not swept yet, is replaced). A user owns
    /// at most one cart (a unique index on the owner): when two first reads, or a first read and the sign-in merge, start
    /// or claim a cart at the same moment, the one that commits second is refused by the index and reads the winner's.
    /// </summary>
    public static async Task<Cart> OwnedCartAsync(this ICartStore store, Guid userId, CartExpiry expiry, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var cart = await session.Query<Cart>().FirstOrDefaultAsync(c => c.OwnerId == userId, ct);
            if (cart is not null && !expiry.HasExpired(cart)) return cart;
            if (cart is not null) session.Delete(cart); // the user starts afresh
            cart = Cart.Start(userId);
            session.Insert(cart);
            try
            {
                await session.SaveChangesAsync(ct);
                return cart;
            }
            catch (Exception ex) when (attempt < Attempts && (IsOwnerTaken(ex) || ex is ConcurrencyException))
            {
                // Another request started or claimed the user's cart first (or swept the expired one): read it.
            }
        }
    }

    /// <summary>The unique owner index refused a second cart for the same user.</summary>
    public static bool IsOwnerTaken(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }

    /// <inheritdoc cref="ChangeForCustomerAsync(DocumentWork{ICartStore}, Guid, Guid?, CartExpiry, Func{Cart, ValueTask}, CancellationToken)"/>
    public static Task<Cart> ChangeForCustomerAsync(this DocumentWork<ICartStore> work, Guid cartId, Guid? userId, CartExpiry expiry, Action<Cart> change, CancellationToken ct) =>
        work.ChangeForCustomerAsync(cartId, userId, expiry, cart =>
        {
            change(cart);
            return ValueTask.CompletedTask;
        }, ct);
}
