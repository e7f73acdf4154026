using AddisPay.Cart.Domain;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>Carts follow Products' stock and withdrawal events and tell the customer what changed.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class TrackAvailabilityTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A cart of 3 units of a product with 5 in stock (the cart then); 4 units written off, one left (the cart once it sees
    /// the new stock); the product archived (the cart once it sees the withdrawal).
    /// </summary>
    private sealed record Availability(CartView Stocked, CartView ShortOfStock, CartView Withdrawn);

    private Task<Availability> AvailabilityAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var product = await shop.Shop.CreateProductAsync($"AVL-{Guid.NewGuid():N}"[..14], 80m, stock: 5);
        var cart = await shop.Shop.CreateCartAsync();
        (await shop.Shop.AddItemAsync(cart.Id, product.Id, 3)).Dispose();
        var stocked = await shop.Shop.GetCartAsync(cart.Id);

        using (var damaged = await shop.Shop.Products.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{product.Sku}/adjustments",
                   new { delta = -4, reason = "damaged" }, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, damaged.StatusCode);
        var shortOfStock = await Eventually.Until(() => shop.Shop.GetCartAsync(cart.Id), c => c.Lines[0].Available == 1, "the cart to see the new stock");

        using (var archive = await shop.Shop.Products.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{product.Id}/archive", null, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        var withdrawn = await Eventually.Until(() => shop.Shop.GetCartAsync(cart.Id), c => c.Notices.Count == 2, "the cart to see the withdrawal");
        return new Availability(stocked, shortOfStock, withdrawn);
    });

    [Fact]
    public async Task A_line_of_a_product_in_stock_is_purchasable() =>
        Assert.True(Assert.Single((await AvailabilityAsync()).Stocked.Lines).Purchasable);

    [Fact]
    public async Task A_line_whose_product_runs_short_of_its_quantity_is_not_purchasable() =>
        Assert.False((await AvailabilityAsync()).ShortOfStock.Lines[0].Purchasable);

    [Fact]
    public async Task A_product_running_short_gives_the_cart_a_low_availability_notice() =>
        Assert.Equal(CartNotice.LowAvailability, Assert.Single((await AvailabilityAsync()).ShortOfStock.Notices).Kind);

    [Fact]
    public async Task A_withdrawn_product_gives_the_cart_a_discontinued_notice() =>
        Assert.Equal(CartNotice.Discontinued, (await AvailabilityAsync()).Withdrawn.Notices[1].Kind);

    [Fact]
    public async Task A_line_whose_product_is_withdrawn_has_none_available_and_is_not_purchasable()
    {
        var line = (await AvailabilityAsync()).Withdrawn.Lines[0];
        Assert.Equal(0, line.Available);
        Assert.False(line.Purchasable);
    }
}
