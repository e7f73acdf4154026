using AddisPay.Users.Contracts;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AddisPay.Users.Domain;

/// <summary>Accounts, addresses and sessions as other modules (a shop front, a back office) read them through Contracts.</summary>
internal static class UserContractViews
{
    public static ShippingAddress ToShipping(this AddressView a) =>
        new(a.Id, a.Label, a.Recipient, a.Phone, a.Region, a.City, a.SubCity, a.Woreda, a.Details, a.IsDefault);

    public static ShopperProfile ToShopper(this ProfileView p) =>
        new(p.Id, p.Email, p.EmailVerified, p.FullName, p.Phone, p.PreferredLanguage, p.NotifyOrderUpdates, p.NotifyPromotions);

    /// <summary>The session as the shop front keeps it, read from the access token just issued (this module's own).</summary>
    public static ShopperSession ToShopperSession(this TokenPair pair, DateTimeOffset now)
    {
        var token = new JsonWebToken(pair.AccessToken);
        return new ShopperSession(
            Guid.Parse(token.GetClaim("sub").Value),
            Guid.Parse(token.GetClaim("sid").Value),
            token.GetClaim("email").Value,
            token.GetClaim("email_verified").Value == "true",
            token.Claims.Where(c => c.Type == "role").Select(c => c.Value).ToList(),
            pair.RefreshToken,
            now.AddSeconds(pair.ExpiresIn),
            pair.RefreshTokenExpiresAt);
    }

    public static CustomerRecord ToCustomer(this Account a) =>
        new(a.Id, a.Email, a.EmailVerifiedAt is not null, a.FullName, a.Phone, a.PreferredLanguage, a.Roles, a.LockedByAdmin, a.CreatedAt);

    /// <summary>The customer as a back office sees them; null when there is no such account or it was deleted.</summary>
    public static async Task<CustomerRecord?> FindCustomerAsync(UsersDbContext db, Guid userId, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == userId && a.DeletedAt == null, ct) is { } a ? a.ToCustomer() : null;
}
