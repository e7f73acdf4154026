using AddisPay.Shared.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using AddisPay.Shared.Security;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// A shopper's session in the browser: the pages' cookie session (<see cref="CookieSessions"/>: Users' refresh token in an
/// HttpOnly cookie, renewed and revoked with Users' session) as the shop's own kind, SameSite=Lax so a link from an e-mail
/// or a gateway's return arrives signed in.
/// </summary>
internal static class ShopperSessions
{
    public const string Scheme = "addispay-shopper";
    public const string Cookie = "addispay-session";
    /// <summary>Pages only a signed-in shopper sees: anyone else is sent to sign in and brought back.</summary>
    public const string Policy = "shopper";
    public const string SignInPath = "/account/sign-in";

    public static void AddShopperSessions(this IServiceCollection services, IHostEnvironment environment, string connectionString)
    {
        services.AddPageKeyRing(connectionString);
        services.AddCookieSession(environment, new CookieSessionKind(Scheme, Cookie, "/", SameSiteMode.Lax, SignInPath));
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.UserId() is not null));
        services.AddPageSite(new PageSite("storefront", ShopPaths.IsPage, Scheme));
    }
}
