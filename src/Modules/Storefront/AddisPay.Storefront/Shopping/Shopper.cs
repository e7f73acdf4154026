using AddisPay.Shared.Contracts;
using AddisPay.Shared.Pages;
using AddisPay.Shared.Security;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace AddisPay.Storefront.Shopping;

/// <summary>Who is shopping: a visitor, or a signed-in customer whose user id the storefront passes to other modules.</summary>
internal sealed class Shopper(IHttpContextAccessor http, ISender sender)
{
    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("No request.");

    /// <summary>The signed-in customer's user id; null for a visitor.</summary>
    public Guid? Id => Http.User.Identity?.AuthenticationType == ShopperSessions.Scheme ? Http.User.UserId() : null;

    public bool IsSignedIn => Id is not null;

    /// <summary>Users' session behind the cookie (kept when the password changes; the account's others end).</summary>
    public Guid? SessionId => IsSignedIn ? Http.User.SessionId() : null;

    public string? Email => IsSignedIn ? Http.User.FindFirst("email")?.Value : null;

    /// <summary>Signs in through Users; the visitor's cart becomes the customer's. Failures come as Users reports them.</summary>
    public async Task SignInAsync(string email, string password, Guid? visitorCartId, CancellationToken ct)
    {
        var session = await sender.Send(new SignInShopper(email, password, visitorCartId), ct);
        var principal = CookieSessions.Principal(session, ShopperSessions.Scheme);
        await Http.SignInAsync(ShopperSessions.Scheme, principal, CookieSessions.Properties(session));
        Http.User = principal;
        // The account's language wins over this browser's: a customer who chose Amharic reads Amharic on any device.
        if (session.PreferredLanguage is { } language) LanguageSwitch.Remember(Http, language);
    }

    /// <summary>Ends the session at Users (so every replica refuses it) and removes the cookie.</summary>
    public async Task SignOutAsync(CancellationToken ct)
    {
        await CookieSessions.EndAsync(Http, ShopperSessions.Scheme, sender, ct);
    }

    /// <summary>Deletes the account once the password proves it is the shopper's, then removes the cookie (Users ended every session).</summary>
    public async Task DeleteAccountAsync(string password, CancellationToken ct)
    {
        await sender.Send(new DeleteShopperAccount(Id ?? throw new UnauthenticatedException("Not signed in."), password), ct);
        await Http.SignOutAsync(ShopperSessions.Scheme);
    }
}
