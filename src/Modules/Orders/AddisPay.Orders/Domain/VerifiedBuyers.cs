using AddisPay.Users.Contracts;

namespace AddisPay.Orders.Domain;

/// <summary>
/// Signing in before confirming the email address is allowed, and so are browsing and filling a cart; placing an order
/// is not, so order, payment and delivery messages only ever go to an address its owner proved. The access token says
/// whether the address was verified when it was issued: a "true" costs nothing more, anything else is asked of Users,
/// so an address verified after signing in counts at once.
/// </summary>
internal sealed class VerifiedBuyers(ISender sender)
{
    public const string Unverified =
        "Confirm your email address before placing an order: open the link we emailed you, or ask for a new one (POST /api/users/verify-email/resend). Your cart is kept meanwhile.";

    public async Task EnsureAsync(Guid customerId, bool verifiedInToken, CancellationToken ct)
    {
        if (verifiedInToken) return;
        if (await sender.Send(new GetUserContact(customerId), ct) is { EmailVerified: true }) return;
        throw new ForbiddenException(Unverified);
    }
}
