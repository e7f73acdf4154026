using System.Buffers;
using System.Text;
using AddisPay.Products.Contracts;
using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// Product and category pages as a visitor sees them, kept as rendered HTML for a few seconds and sent again without
/// rendering: rendering (Blazor's pipeline, the layout, the component tree) costs a page more than the data it shows, and
/// every visitor of a product or category gets the same page in the same language. What differs per visitor is kept out:
/// <list type="bullet">
/// <item>Only visitors: a request with a session cookie or an Authorization header (a signed-in header, their own forms)
/// is rendered as before, and so is every request but a plain GET of <c>/p/{slug}</c> or <c>/c/{slug}</c>.</item>
/// <item>The page is kept with a hole where its forms' antiforgery token was; each response fills it with the visitor's
/// own token (and sets the visitor's own antiforgery cookie when it is missing, as rendering does). Nothing of the
/// response that rendered it is kept but its HTML: no cookie, no header.</item>
/// <item>A product page is sent again only while the product reads the same: every request still asks Products for the
/// product (as the JSON endpoint does), so price and stock are exact. Its reviews and recommendations are
/// <see cref="CatalogueCache"/>'s, at most <see cref="ProductPages"/> older.</item>
/// <item>A category page is at most <see cref="CategoryPages"/> older than its listing, itself at most
/// <see cref="CatalogueCache.Listings"/> old.</item>
/// </list>
/// </summary>
internal static class VisitorPageCache
{
    public static readonly TimeSpan ProductPages = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan CategoryPages = TimeSpan.FromSeconds(2);

    /// <summary>Category page addresses: their GET form's fields, nothing else (anything more renders as before).</summary>
    private static readonly string[] CategoryQuery = ["page", "brand", "price", "stock", "rating", "sort"];

    private sealed record Key(string Path, string Query, string Language, bool Enhanced);

    /// <summary>
    /// The page's UTF-8 bytes around each place its antiforgery token was, what it was rendered from, and Blazor's
    /// <c>blazor-enhanced-nav</c> answer (without it blazor.web.js loads the page whole instead of patching it in).
    /// </summary>
    private sealed record Page(byte[][] Parts, ProductDetail? Product, string? EnhancedNavigation);

    private const string EnhancedNavigationHeader = "blazor-enhanced-nav";

    public static void UseVisitorPageCache(this IApplicationBuilder app) => app.Use(ServeAsync);

    /// <summary>The product this request already read (the page renders what the cache compared), if any.</summary>
    public static ProductDetail? ProductRead(HttpContext? http, string slug) =>
        http?.Items[typeof(VisitorPageCache)] is ProductDetail p && p.Slug == slug ? p : null;

    private static async Task ServeAsync(HttpContext http, RequestDelegate next)
    {
        if (KeyOf(http) is not { } key)
        {
            await next(http);
            return;
        }
        var cache = http.RequestServices.GetRequiredKeyedService<IMemoryCache>(CatalogueCache.Key);
        ProductDetail? product = null;
        if (key.Path.StartsWith("/p/", StringComparison.Ordinal))
        {
            var detail = await http.RequestServices.GetRequiredService<ISender>().Send(new GetProductDetail(key.Path[3..]), http.RequestAborted);
            if (detail is null)
            {
                await next(http);
                return;
            }
            http.Items[typeof(VisitorPageCache)] = product = detail;
        }
        if (cache.TryGetValue(key, out Page? kept) && kept is not null && (product is null || SameProduct(product, kept.Product!)))
        {
            await SendAsync(http, kept);
            return;
        }
        var page = await RenderAsync(http, next);
        if (page is not null)
            cache.Set(key, page with { Product = product },
                new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = product is null ? CategoryPages : ProductPages, Size = 1 });
    }

    private static Key? KeyOf(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) || http.User.Identity?.IsAuthenticated == true || request.Headers.Authorization.Count > 0
            || request.Cookies.ContainsKey(ShopperSessions.Cookie))
            return null;
        var path = request.Path.Value;
        if (path is not { Length: > 3 and <= 200 } || path[0] != '/' || path[2] != '/' || path.IndexOf('/', 3) >= 0) return null;
        if (path[1] == 'p' && request.QueryString.HasValue) return null;
        if (path[1] == 'c' && ((request.QueryString.Value?.Length ?? 0) > 200 || request.Query.Keys.Any(k => !CategoryQuery.Contains(k)))) return null;
        if (path[1] is not ('p' or 'c')) return null;
        var enhanced = request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal);
        return new Key(path, request.QueryString.Value ?? "", ShopLanguage.Normalize(request.Cookies[ShopLanguage.Cookie]), enhanced);
    }

    /// <summary>Renders the page as before, sends it, and returns it with its token cut out when it is one to keep.</summary>
    private static async Task<Page?> RenderAsync(HttpContext http, RequestDelegate next)
    {
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = body;
        }
        var keep = http.Response.StatusCode == StatusCodes.Status200OK && http.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true;
        // The token the page rendered, asked for before the response starts (were it a new one, its cookie still goes out).
        var token = keep ? http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken : null;
        buffer.Position = 0;
        await buffer.CopyToAsync(body, http.RequestAborted);
        if (!keep) return null;
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        // A page without a form (or with a token it did not render) is not kept: it would be a page nobody can post from.
        if (string.IsNullOrEmpty(token) || !html.Contains(token, StringComparison.Ordinal)) return null;
        return new Page(html.Split(token).Select(Encoding.UTF8.GetBytes).ToArray(), null, http.Response.Headers[EnhancedNavigationHeader]);
    }

    private static async Task SendAsync(HttpContext http, Page page)
    {
        // The visitor's own token pair: the cookie half is set here when the visitor has none, as rendering would.
        var token = Encoding.UTF8.GetBytes(http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!);
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        if (page.EnhancedNavigation is not null) response.Headers[EnhancedNavigationHeader] = page.EnhancedNavigation;
        response.ContentLength = page.Parts.Sum(p => (long)p.Length) + (long)token.Length * (page.Parts.Length - 1);
        for (var i = 0; i < page.Parts.Length; i++)
        {
            if (i > 0) response.BodyWriter.Write(token);
            response.BodyWriter.Write(page.Parts[i]);
        }
        await response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>Whether the product reads as it did when its page was rendered: every field the page can show, price and stock included.</summary>
    internal static bool SameProduct(ProductDetail now, ProductDetail then) =>
        now with { Images = then.Images, Variants = then.Variants } == then
        && now.Images.SequenceEqual(then.Images)
        && now.Variants.Count == then.Variants.Count
        && now.Variants.Zip(then.Variants).All(v => v.First with { Options = v.Second.Options } == v.Second
            && v.First.Options.Count == v.Second.Options.Count
            && v.First.Options.All(o => v.Second.Options.TryGetValue(o.Key, out var value) && value == o.Value));
}
