using AddisPay.Cart.Contracts;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace AddisPay.Storefront.Shopping;

/// <summary>
/// The shopper's cart, whose id is kept in an HttpOnly cookie (SameSite=Lax; Secure outside Development): the id is a
/// visitor's only key to the cart, so no script may read it and no other site's form may carry it. A signed-in customer's
/// cart is theirs (Cart checks the owner): the visitor's cart joins it at sign-in, and until that is done the cookie's
/// cart still answers to them; once it has joined, the customer's own cart is found and the cookie follows it.
/// </summary>
internal sealed class VisitorCart(IHttpContextAccessor http, ISender sender, IWebHostEnvironment environment, Shopper shopper)
{
    public const string Cookie = "addispay-cart";

    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("No request.");

    public Guid? Id => Guid.TryParse(Http.Request.Cookies[Cookie], out var id) ? id : null;

    /// <summary>The cart, or null when a visitor has none (or it expired). A signed-in customer always has one.</summary>
    public async Task<ShopperCart?> FindAsync(CancellationToken ct)
    {
        var cart = Id is { } id ? await sender.Send(new GetShopperCart(id, shopper.Id), ct) : null;
        if (cart is not null || shopper.Id is not { } customer) return cart;
        cart = await sender.Send(new GetOwnCart(customer), ct);
        Remember(cart.CartId);
        return cart;
    }

    /// <summary>Adds to the shopper's cart, starting one (and setting its cookie) when a visitor has none.</summary>
    public async Task<ShopperCart> AddAsync(Guid productId, string? sku, int quantity, CancellationToken ct)
    {
        var cart = await FindAsync(ct);
        if (cart is null)
        {
            cart = await sender.Send(new StartCart(), ct);
            Remember(cart.CartId);
        }
        return await sender.Send(new AddToCart(cart.CartId, shopper.Id, productId, quantity, sku), ct);
    }

    public async Task<ShopperCart?> ChangeQuantityAsync(string sku, int quantity, CancellationToken ct) =>
        await FindAsync(ct) is { } cart ? await sender.Send(new ChangeCartQuantity(cart.CartId, shopper.Id, sku, quantity), ct) : null;

    public async Task<ShopperCart?> RemoveAsync(string sku, CancellationToken ct) =>
        await FindAsync(ct) is { } cart ? await sender.Send(new RemoveFromCart(cart.CartId, shopper.Id, sku), ct) : null;

    private void Remember(Guid cartId)
    {
        if (Id == cartId || Http.Response.HasStarted) return;
        Http.Response.Cookies.Append(Cookie, cartId.ToString(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = !environment.IsDevelopment(),
            IsEssential = true,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30)
        });
    }
}
