using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Storefront.Shopping;

internal static class LanguageSwitch
{
    /// <summary>
    /// POST /language (a form with antiforgery, so it works without JavaScript): remembers the language for a year and
    /// goes back to the page the shopper was on.
    /// </summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/language", ([FromForm] string? lang, [FromForm] string? returnUrl, HttpContext http) =>
            {
                Remember(http, lang);
                return Results.LocalRedirect(ShopPaths.LocalOrHome(returnUrl));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

    /// <summary>Remembers the language for a year (the switch, and a profile saved with a preferred language).</summary>
    public static void Remember(HttpContext http, string? lang) =>
        http.Response.Cookies.Append(ShopLanguage.Cookie, ShopLanguage.Normalize(lang), new CookieOptions
        {
            SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/", MaxAge = TimeSpan.FromDays(365),
            Secure = http.Request.IsHttps
        });
}
