using AddisPay.Cart.Contracts;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// The visitor's cart, whose id is kept in an HttpOnly cookie (SameSite=Lax; Secure outside Development): the id is the
/// visitor's only key to the cart, so no script may read it and no other site's form may carry it.
/// </summary>
internal sealed class VisitorCart(IHttpContextAccessor http, ISender sender, IWebHostEnvironment environment)
{
    public const string Cookie = "addispay-cart";

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("No request.");

    public Guid? Id => Guid.TryParse(Http.Request.Cookies[Cookie], out var id) ? id : null;

    /// <summary>The cart, or null when the visitor has none (or it expired).</summary>
    public async Task<ShopperCart?> FindAsync(CancellationToken ct) =>
        Id is { } id ? await sender.Send(new GetShopperCart(id, null), ct) : null;

    /// <summary>Adds to the visitor's cart, starting one (and setting its cookie) when there is none.</summary>
    public async Task<ShopperCart> AddAsync(Guid productId, string? sku, int quantity, CancellationToken ct)
    {
        var cart = await FindAsync(ct);
        if (cart is null)
        {
            cart = await sender.Send(new StartCart(), ct);
            Http.Response.Cookies.Append(Cookie, cart.CartId.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = !environment.IsDevelopment(),
                IsEssential = true,
                Path = "/",
                MaxAge = TimeSpan.FromDays(30)
            });
        }
        return await sender.Send(new AddToCart(cart.CartId, null, productId, quantity, sku), ct);
    }

    public async Task<ShopperCart?> ChangeQuantityAsync(string sku, int quantity, CancellationToken ct) =>
        Id is { } id ? await sender.Send(new ChangeCartQuantity(id, null, sku, quantity), ct) : null;

    public async Task<ShopperCart?> RemoveAsync(string sku, CancellationToken ct) =>
        Id is { } id ? await sender.Send(new RemoveFromCart(id, null, sku), ct) : null;
}
