using System.Globalization;
using System.Security.Claims;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// A shopper's session in the browser: an HttpOnly cookie (SameSite=Lax; Secure outside Development), encrypted with
/// Data Protection keys kept in PostgreSQL so that every storefront replica reads every cookie. The cookie carries the
/// Users module's session behind it — its refresh token — not a session of its own: the session ends when Users ends it
/// (sign-out, password change, an admin's lock: refused within about a second, from the revocations every process
/// follows) and is renewed, by rotating the refresh token, once an access token's life has passed.
/// </summary>
internal static class ShopperSessions
{
    public const string Scheme = "addispay-shopper";
    public const string Cookie = "addispay-session";
    /// <summary>Pages only a signed-in shopper sees: anyone else is sent to sign in and brought back.</summary>
    public const string Policy = "shopper";
    public const string SignInPath = "/account/sign-in";

    private const string RefreshToken = "refresh_token";
    private const string RenewAfter = "renew_after";

    public static void AddShopperSessions(this IServiceCollection services, IHostEnvironment environment, string connectionString)
    {
        services.AddDataProtection().SetApplicationName("AddisPay");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DataProtectionKeyRing(connectionString, sp.GetRequiredService<ILogger<DataProtectionKeyRing>>())));
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = Cookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.IsEssential = true;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.ReturnUrlParameter = "returnUrl";
            // The session's end is Users' refresh token's end, set per sign-in; sliding would outlive it.
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.UserId() is not null));
    }

    public static ClaimsPrincipal Principal(ShopperSession session)
    {
        var claims = new List<Claim>
        {
            new("sub", session.UserId.ToString()),
            new("sid", session.SessionId.ToString()),
            new("email", session.Email),
            new("email_verified", session.EmailVerified ? "true" : "false")
        };
        claims.AddRange(session.Roles.Select(r => new Claim("role", r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "sub", "role"));
    }

    public static AuthenticationProperties Properties(ShopperSession session)
    {
        var properties = new AuthenticationProperties { IsPersistent = true, AllowRefresh = true };
        Keep(properties, session);
        return properties;
    }

    private static void Keep(AuthenticationProperties properties, ShopperSession session)
    {
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = RefreshToken, Value = session.RefreshToken },
            new AuthenticationToken { Name = RenewAfter, Value = session.RenewAfter.ToString("O", CultureInfo.InvariantCulture) }
        ]);
        properties.ExpiresUtc = session.ExpiresAt;
    }

    public static string? RefreshTokenOf(AuthenticationProperties properties) => properties.GetTokenValue(RefreshToken);

    /// <summary>
    /// Every request: refused at once if Users revoked the session; renewed (refresh token rotated, roles read again) once
    /// its renewal time has passed. Two requests renewing at the same moment (two tabs): the one Users turns away keeps
    /// the cookie it has, and the browser keeps the winner's.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal?.SessionId() is { } sid && services.GetRequiredService<RevokedSessions>().IsRevoked(sid))
        {
            await RejectAsync(context);
            return;
        }
        var clock = services.GetRequiredService<TimeProvider>();
        if (!DateTimeOffset.TryParse(context.Properties.GetTokenValue(RenewAfter), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var renewAfter)
            || RefreshTokenOf(context.Properties) is not { } refresh)
        {
            await RejectAsync(context);
            return;
        }
        if (clock.GetUtcNow() < renewAfter) return;
        try
        {
            var session = await services.GetRequiredService<ISender>().Send(new RenewShopperSession(refresh), context.HttpContext.RequestAborted);
            context.ReplacePrincipal(Principal(session));
            Keep(context.Properties, session);
            context.ShouldRenew = true;
        }
        catch (UnauthenticatedException)
        {
            await RejectAsync(context);
        }
        catch (ConflictException)
        {
            // Another request of this browser renewed it a moment ago; its response carries the new cookie.
        }
        catch (ModuleUnavailableException)
        {
            // Users is out of reach: the session stands (revocations still apply) and renewal is tried on the next request.
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
