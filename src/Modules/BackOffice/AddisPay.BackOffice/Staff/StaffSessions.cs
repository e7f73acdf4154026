using AddisPay.Shared.Pages;
using AddisPay.Shared.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AddisPay.BackOffice.Staff;

/// <summary>
/// A staff member's session: the pages' cookie session (<see cref="CookieSessions"/>: Users' refresh token in an HttpOnly
/// cookie, renewed and revoked with Users' session, roles read again on renewal) as the back office's own kind: its own
/// cookie, sent only to /admin and never with a request another site starts (SameSite=Strict).
/// </summary>
internal static class StaffSessions
{
    public const string Scheme = "addispay-staff";
    public const string Cookie = "addispay-staff";
    public const string SignInPath = "/admin/sign-in";
    public const string DeniedPath = "/admin/denied";

    /// <summary>Pages and forms for admins and support.</summary>
    public const string Staff = "backoffice-staff";
    /// <summary>Pages and forms for admins only.</summary>
    public const string Admin = "backoffice-admin";

    public static bool IsBackOffice(PathString path) => path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);

    public static void AddStaffSessions(this IServiceCollection services, IHostEnvironment environment, string connectionString)
    {
        services.AddPageKeyRing(connectionString);
        services.AddCookieSession(environment, new CookieSessionKind(Scheme, Cookie, "/admin", SameSiteMode.Strict, SignInPath, DeniedPath));
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Support))
            .AddPolicy(Admin, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles.Admin));
        services.AddPageSite(new PageSite("backoffice", IsBackOffice, Scheme));
    }
}
