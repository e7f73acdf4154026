using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace AddisPay.Shared.Security;

public sealed class AuthOptions
{
    public string Issuer { get; set; } = "addispay";
    public string Audience { get; set; } = "addispay";

    /// <summary>Signing keys by key id (base64, at least 32 bytes). Several may be valid at once during rotation.</summary>
    public Dictionary<string, string> SigningKeys { get; set; } = new();

    /// <summary>
    /// The key id new tokens are signed with. Rotation: add the new key, make it active, and drop the
    /// previous one once the longest-lived access token signed with it has expired.
    /// </summary>
    public string? ActiveKeyId { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerance for clock drift between pods when checking a token's lifetime.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often every process reads new session revocations from the event log at the latest (see
    /// <see cref="RevokedSessionsFeed"/>): it reads them when a commit appends to the log, so this is only the fallback for
    /// a notification lost while the process's listening connection was down (it reads again when it reconnects, too).
    /// 5 s: a sign-out whose notification was lost still holds everywhere within seconds, at one small query per 5 s.
    /// </summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public SymmetricSecurityKey ActiveKey()
    {
        var keys = Keys().ToList();
        return keys.FirstOrDefault(k => k.KeyId == ActiveKeyId) ?? keys.OrderBy(k => k.KeyId, StringComparer.Ordinal).Last();
    }

    public IEnumerable<SymmetricSecurityKey> Keys() => SigningKeys
        .Where(k => !string.IsNullOrWhiteSpace(k.Value))
        .Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Value)) { KeyId = k.Key });
}

public static class Policies
{
    public const string Admin = "admin";
    public const string Support = "support";
    public const string Customer = "customer";
}

public static class Roles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
    public const string Support = "support";
    public static readonly string[] All = [Customer, Admin, Support];
}

public static class UserClaims
{
    /// <summary>The signed-in user's id, from the token's `sub`; null for anonymous callers.</summary>
    public static Guid? UserId(this System.Security.Claims.ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sub")?.Value, out var id) ? id : null;

    /// <summary>Whether the token says the user's email address was verified when it was issued (`email_verified`).</summary>
    public static bool EmailVerified(this System.Security.Claims.ClaimsPrincipal user) => user.FindFirst("email_verified")?.Value == "true";

    /// <summary>The session (refresh-token family) the access token belongs to.</summary>
    public static Guid? SessionId(this System.Security.Claims.ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst("sid")?.Value, out var id) ? id : null;
}

/// <summary>
/// Every module, in any pod, validates the platform's JWTs locally with the shared signing keys; no
/// call to the Users module per request. A token whose session (`sid`) was revoked (sign-out, lock, deletion,
/// role change) is refused from about a second after the revocation (<see cref="RevokedSessions"/>, in memory). Module endpoints are closed unless they opt into anonymous
/// access (see Platform.UseAddisPay); an unknown path stays a 404 rather than a 401.
/// </summary>
public static class TokenValidation
{
    public static void AddPlatformAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        var auth = configuration.GetSection("AddisPay:Auth").Get<AuthOptions>() ?? new AuthOptions();
        var keys = auth.Keys().ToList();
        if (keys.Count == 0)
            throw new InvalidOperationException(
                "No token signing key configured: set AddisPay:Auth:SigningKeys:<key-id> to a base64 key of at least 32 bytes " +
                "(a Kubernetes Secret in production).");
        if (keys.Any(k => k.Key.Length < 32))
            throw new InvalidOperationException("Token signing keys must be at least 32 bytes (256 bits).");

        services.Configure<AuthOptions>(configuration.GetSection("AddisPay:Auth"));
        services.AddSingleton<RevokedSessions>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKeys = keys,
                    ValidateLifetime = true,
                    ClockSkew = auth.ClockSkew,
                    RoleClaimType = "role",
                    NameClaimType = "sub"
                };
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedSessions>();
                        if (context.Principal?.SessionId() is { } session && revoked.IsRevoked(session))
                            context.Fail("The session has ended; sign in again.");
                        return Task.CompletedTask;
                    }
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Support, p => p.RequireRole(Roles.Support, Roles.Admin))
            // A customer is an account: a token whose subject is not an account id can't act for one.
            .AddPolicy(Policies.Customer, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.UserId() is not null));
    }
}
