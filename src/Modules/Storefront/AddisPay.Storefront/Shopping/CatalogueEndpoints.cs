using AddisPay.Notifications.Contracts;
using AddisPay.Reviews.Contracts;
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

/// <summary>
/// The catalogue's endpoints beside its pages: the back-in-stock and helpful-vote forms' targets and the search box's
/// suggestions.
/// </summary>
internal static class CatalogueEndpoints
{
    /// <summary>Where a review's "Helpful" button posts.</summary>
    public const string HelpfulVote = "/reviews/helpful";

    /// <summary>The product page after a helpful vote on <paramref name="reviewId"/>: <paramref name="refused"/> says why it did not count.</summary>
    public static string AfterVote(string productPage, Guid reviewId, string? refused = null) =>
        productPage + (productPage.Contains('?') ? "&" : "?") + "voted=" + reviewId + (refused is null ? "" : "&refused=" + refused) + "#reviews-heading";

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

        // POST /reviews/helpful, as /watch: a form with antiforgery, open to anyone so that a visitor is sent to sign in and back
        // to the product. One vote per shopper and review (Reviews keeps it so); the voter comes from the sign-in, never the form.
        app.MapPost(HelpfulVote, async ([FromForm] Guid? reviewId, [FromForm] string? returnUrl, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var back = ShopPaths.LocalOrHome(returnUrl);
                if (http.User.UserId() is not { } userId) return Results.LocalRedirect(StorefrontAddresses.SignIn(back));
                if (reviewId is null) return Results.LocalRedirect(back);
                string? refused = null;
                try
                {
                    await sender.Send(new VoteReviewHelpful(userId, reviewId.Value), ct);
                }
                catch (ForbiddenException)
                {
                    refused = "own";
                }
                catch (NotFoundException)
                {
                    refused = "gone";
                }
                catch (ModuleUnavailableException)
                {
                    refused = "unavailable";
                }
                // Post/redirect/get: the page shows the vote counted (it reads the reviews afresh, past the short cache).
                return Results.LocalRedirect(AfterVote(back, reviewId.Value, refused));
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
