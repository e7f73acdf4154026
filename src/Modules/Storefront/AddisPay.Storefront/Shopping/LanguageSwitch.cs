using AddisPay.Shared.Contracts;
using AddisPay.Shared.Pages;
using AddisPay.Shared.Security;
using AddisPay.Users.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AddisPay.Storefront.Shopping;

internal static class LanguageSwitch
{
    /// <summary>
    /// POST /language (a form with antiforgery, so it works without JavaScript): remembers the language for a year and
    /// goes back to the page the shopper was on. A signed-in customer's profile keeps it too, so the next sign-in, on any
    /// device, and the emails speak it.
    /// </summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapPost("/language", async ([FromForm] string? lang, [FromForm] string? returnUrl, HttpContext http, ISender sender,
                ILogger<ShopLanguage> log, CancellationToken ct) =>
            {
                Remember(http, lang);
                var signedIn = await http.AuthenticateAsync(ShopperSessions.Scheme);
                if (signedIn.Succeeded && signedIn.Principal.UserId() is { } userId)
                {
                    try
                    {
                        await sender.Send(new ChooseShopperLanguage(userId, ShopLanguage.Normalize(lang)), ct);
                    }
                    catch (Exception ex) when (ex is BusinessRuleException or ModuleUnavailableException)
                    {
                        // The page still changes language; the profile keeps the old one until the shopper saves it there.
                        log.LogWarning(ex, "Could not keep the chosen language in the profile");
                    }
                }
                return Results.LocalRedirect(ShopPaths.LocalOrHome(returnUrl));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

    /// <summary>Remembers the language for a year (the switch, and a profile saved with a preferred language).</summary>
    public static void Remember(HttpContext http, string? lang) => PageLanguage.Remember(http, lang);
}
