using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Shared.Pages;

/// <summary>Which pages a page module serves (<paramref name="Serves"/>) and the cookie session they see.</summary>
public sealed record PageSite(string Name, Func<PathString, bool> Serves, string SessionScheme);

/// <summary>
/// What every page module needs once per process, whichever of them runs there. The storefront and the back office in one
/// process must not map the static assets twice (two endpoints for one file), and antiforgery must see the user of the
/// page's own session: its tokens are bound to the signed-in user, so a page's session is read before antiforgery checks a
/// form, for every page module of the process, by path.
/// </summary>
public static class PagePipeline
{
    private const string Added = "addispay.pages.pipeline";

    /// <summary>Declares a page module's pages and their session (in the module's Register).</summary>
    public static void AddPageSite(this IServiceCollection services, PageSite site) => services.AddSingleton(site);

    /// <summary>
    /// Pages see their session's user (the API keeps its bearer tokens; a cookie never authenticates an API call), then
    /// antiforgery, then the static assets: added by the first page module to map its pages, skipped by the others.
    /// </summary>
    public static void UsePagesOnce(this WebApplication app)
    {
        if (!((IApplicationBuilder)app).Properties.TryAdd(Added, true)) return;
        var sites = app.Services.GetServices<PageSite>().ToArray();
        app.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated != true && sites.FirstOrDefault(s => s.Serves(http.Request.Path)) is { } site
                && await http.AuthenticateAsync(site.SessionScheme) is { Succeeded: true } session)
                http.User = session.Principal;
            await next(http);
        });
        app.UseAntiforgery();
    }

    public static void MapStaticAssetsOnce(this WebApplication app)
    {
        if (!((IApplicationBuilder)app).Properties.TryAdd(Added + ".assets", true)) return;
        app.MapStaticAssets().AllowAnonymous();
    }
}
