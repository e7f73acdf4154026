using AddisPay.Users.Contracts;
using Marten.Services;

namespace AddisPay.Cart.MergeVisitorCartAtSignIn;

/// <summary>
/// At sign-in the visitor's cart becomes the user's: claimed as is when the user has no cart yet,
/// otherwise merged into theirs. Runs once per sign-in event (inbox), so a redelivery merges nothing twice.
/// </summary>
internal sealed class MergeVisitorCartAtSignIn(DocumentWork<ICartStore> work, CartExpiry expiry) : IIntegrationEventHandler<UserSignedIn>
{
    public async Task HandleAsync(UserSignedIn e, IntegrationEventContext context, CancellationToken ct)
    {
        if (e.AnonymousCartId is not { } visitorCartId) return;
        var session = work.Session; // in the inbox's transaction; saved after the handler
        var visitorCart = await session.LoadAsync<Domain.Cart>(visitorCartId, ct);
        // Unknown, already someone's, or left idle too long (gone for the visitor too).
        if (visitorCart is null || visitorCart.OwnerId is not null || expiry.HasExpired(visitorCart, e.OccurredAt)) return;

        var userCart = await session.Query<Domain.Cart>().FirstOrDefaultAsync(c => c.OwnerId == e.UserId, ct);
        if (userCart is not null && expiry.HasExpired(userCart, e.OccurredAt))
        {
            session.Delete(userCart);
            userCart = null;
        }
        if (userCart is null)
        {
            visitorCart.ClaimFor(e.UserId);
            session.Update(visitorCart);
        }
        else
        {
            userCart.Absorb(visitorCart);
            session.Update(userCart);
            session.Delete(visitorCart);
        }
    }
}
