using System.Globalization;
using System.Security.Claims;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AddisPay.Shared.Pages;

/// <summary>One kind of browser session: its authentication scheme, cookie, the path the cookie is sent on, and its sign-in page.</summary>
public sealed record CookieSessionKind(string Scheme, string Cookie, string Path, SameSiteMode SameSite, string SignInPath, string? AccessDeniedPath = null);

/// <summary>
/// A user's session in the browser: an HttpOnly cookie (Secure outside Development), encrypted with the page module's
/// Data Protection keys (<see cref="PageKeyRings"/>) so every replica reads every cookie. The cookie carries the Users
/// module's session behind it — its refresh token — not a session of its own: the session ends when Users ends it
/// (sign-out, password change, an admin's lock: refused within about a second, from the revocations every process
/// follows) and is renewed, by rotating the refresh token, once an access token's life has passed. The shop's shoppers and
/// the back office's staff each have their own kind (their own cookie), with the same rules.
/// </summary>
public static class CookieSessions
{
    private const string RefreshToken = "refresh_token";
    private const string RenewAfter = "renew_after";

    public static AuthenticationBuilder AddCookieSession(this IServiceCollection services, IHostEnvironment environment, CookieSessionKind kind) =>
        services.AddAuthentication().AddCookie(kind.Scheme, o =>
        {
            o.Cookie.Name = kind.Cookie;
            o.Cookie.Path = kind.Path;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = kind.SameSite;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.IsEssential = true;
            o.LoginPath = kind.SignInPath;
            o.AccessDeniedPath = kind.AccessDeniedPath ?? kind.SignInPath;
            o.ReturnUrlParameter = "returnUrl";
            // The session's end is Users' refresh token's end, set per sign-in; sliding would outlive it.
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });

    public static ClaimsPrincipal Principal(ShopperSession session, string scheme)
    {
        var claims = new List<Claim>
        {
            new("sub", session.UserId.ToString()),
            new("sid", session.SessionId.ToString()),
            new("email", session.Email),
            new("email_verified", session.EmailVerified ? "true" : "false")
        };
        claims.AddRange(session.Roles.Select(r => new Claim("role", r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, "sub", "role"));
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

    /// <summary>Ends the cookie's session at Users (so every replica refuses it) and removes the cookie.</summary>
    public static async Task EndAsync(HttpContext http, string scheme, ISender sender, CancellationToken ct)
    {
        var current = await http.AuthenticateAsync(scheme);
        if (current.Properties is { } properties && RefreshTokenOf(properties) is { } refresh)
            await EndAtUsersAsync(sender, refresh, ct);
        await http.SignOutAsync(scheme);
    }

    /// <summary>Ends a Users session by its refresh token; one already ended is nothing more to end.</summary>
    public static async Task EndAtUsersAsync(ISender sender, string refreshToken, CancellationToken ct)
    {
        try
        {
            await sender.Send(new EndShopperSession(refreshToken), ct);
        }
        catch (BusinessRuleException)
        {
            // Already ended: nothing more to end.
        }
    }

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
            context.ReplacePrincipal(Principal(session, context.Scheme.Name));
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
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
