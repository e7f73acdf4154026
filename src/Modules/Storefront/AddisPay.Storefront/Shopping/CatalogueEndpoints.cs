using AddisPay.Notifications.Contracts;
using AddisPay.Search.Contracts;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Security;
using AddisPay.Storefront.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace AddisPay.Storefront.Shopping;

/// <summary>The catalogue's endpoints beside its pages: the back-in-stock form's target and the search box's suggestions.</summary>
internal static class CatalogueEndpoints
{
    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        // POST /watch (a form with antiforgery, so it works without JavaScript). Open to anyone so that an anonymous
        // shopper is sent to sign in and back, not shown a bare 401: the shopper must be signed in before anything is
        // watched, and only for themselves (the user id comes from their sign-in, never from the form).
        app.MapPost(StorefrontAddresses.WatchBackInStock, async ([FromForm] Guid? productId, [FromForm] string? sku, [FromForm] string? returnUrl,
                HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var back = ShopPaths.LocalOrHome(returnUrl);
                if (http.User.UserId() is not { } userId) return Results.LocalRedirect(StorefrontAddresses.SignIn(back));
                if (productId is null) return Results.LocalRedirect(back);
                try
                {
                    await sender.Send(new WatchBackInStock(userId, productId.Value, string.IsNullOrWhiteSpace(sku) ? null : sku), ct);
                }
                catch (NotFoundException)
                {
                    return Results.LocalRedirect("/not-found");
                }
                // Post/redirect/get: the product page says the watch is set, and a reload posts nothing.
                return Results.LocalRedirect(back + (back.Contains('?') ? "&" : "?") + "watching=1");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapGet(StorefrontAddresses.Suggest, async (HttpContext http, ISender sender, ShopLanguage language, CancellationToken ct, string q = "") =>
            {
                if (q.Trim().Length is 0 or > 100) return Results.Json(Array.Empty<string>());
                var found = await sender.Send(new SuggestProducts(q, 8), ct);
                // Names in the shopper's language: what they pick is what they search for.
                http.Response.Headers.CacheControl = "private, max-age=60";
                return Results.Json(found.Select(s => language.Pick(s.Name, s.NameAm)).Distinct().ToArray());
            })
            .AllowAnonymous()
            .RequireRateLimiting(AddisPay.Shared.Http.RateLimits.Search)
            .ExcludeFromDescription();
    }
}
