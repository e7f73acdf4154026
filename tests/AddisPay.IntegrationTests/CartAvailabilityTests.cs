using System.Net;
using AddisPay.Cart.Baskets;
using AddisPay.IntegrationTests.Infrastructure;
using Xunit;

namespace AddisPay.IntegrationTests;

/// <summary>Carts follow Products' stock and withdrawal events and tell the customer what changed.</summary>
public sealed class CartAvailabilityTests
{
    [Fact]
    public async Task A_cart_learns_when_its_product_runs_short_and_when_it_is_withdrawn()
    {
        using var factory = new PlatformFactory("products,cart");
        var shop = factory.Shop();
        var product = await shop.CreateProductAsync($"AVL-{Guid.NewGuid():N}"[..14], 80m, stock: 5);
        var cart = await shop.CreateCartAsync();
        (await shop.AddItemAsync(cart.Id, product.Id, 3)).Dispose();
        Assert.True(Assert.Single((await shop.GetCartAsync(cart.Id)).Lines).Purchasable);

        // Four units are written off: one is left, the cart holds three.
        using (var damaged = await shop.Products.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{product.Sku}/adjustments",
                   new { delta = -4, reason = "damaged" }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, damaged.StatusCode);
        var shortOfStock = await Eventually.Until(() => shop.GetCartAsync(cart.Id), c => c.Lines[0].Available == 1, "the cart to see the new stock");
        Assert.False(shortOfStock.Lines[0].Purchasable);
        Assert.Equal(CartNotice.LowAvailability, Assert.Single(shortOfStock.Notices).Kind);

        using (var archive = await shop.Products.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{product.Id}/archive", null, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        var withdrawn = await Eventually.Until(() => shop.GetCartAsync(cart.Id), c => c.Notices.Count == 2, "the cart to see the withdrawal");
        Assert.Equal(CartNotice.Discontinued, withdrawn.Notices[1].Kind);
        Assert.Equal(0, withdrawn.Lines[0].Available);
        Assert.False(withdrawn.Lines[0].Purchasable);
    }
}
