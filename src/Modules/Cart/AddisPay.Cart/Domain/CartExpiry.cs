using System.Linq.Expressions;
using Microsoft.Extensions.Options;

namespace AddisPay.Cart.Domain;

/// <summary>
/// AddisPay:Cart:IdleExpiry — how long a cart lives after the customer last changed it. A visitor's cart
/// is short-lived: every visitor (and crawler) gets one, and its token dies with the browser's storage, so
/// most are never seen again. A signed-in user's cart is their saved intent, reachable from any device,
/// and kept for a month.
/// </summary>
public sealed class CartExpiryOptions
{
    public const string Section = "AddisPay:Cart:IdleExpiry";

    public TimeSpan Anonymous { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan Owned { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Decides whether a cart has been idle too long; the sweeper deletes those, readers treat them as gone.</summary>
internal sealed class CartExpiry(IOptions<CartExpiryOptions> options, TimeProvider clock)
{
    /// <param name="asOf">When to judge it; now unless an event is being handled late (then as of when it happened).</param>
    public bool HasExpired(Domain.Cart cart, DateTimeOffset? asOf = null) =>
        cart.LastActiveAt + (cart.OwnerId is null ? options.Value.Anonymous : options.Value.Owned) <= (asOf ?? clock.GetUtcNow());

    /// <summary>The carts idle too long as of now, as a Marten query predicate.</summary>
    public Expression<Func<Domain.Cart, bool>> Expired()
    {
        var now = clock.GetUtcNow();
        var anonymousCutoff = now - options.Value.Anonymous;
        var ownedCutoff = now - options.Value.Owned;
        return c => (c.OwnerId == null && c.LastActiveAt <= anonymousCutoff) || (c.OwnerId != null && c.LastActiveAt <= ownedCutoff);
    }

    /// <summary>Of <paramref name="ids"/>, those still expired when the statement runs (a cart used meanwhile is spared).</summary>
    public Expression<Func<Domain.Cart, bool>> ExpiredAmong(Guid[] ids)
    {
        var now = clock.GetUtcNow();
        var anonymousCutoff = now - options.Value.Anonymous;
        var ownedCutoff = now - options.Value.Owned;
        return c => c.Id.IsOneOf(ids) &&
                    ((c.OwnerId == null && c.LastActiveAt <= anonymousCutoff) || (c.OwnerId != null && c.LastActiveAt <= ownedCutoff));
    }
}
