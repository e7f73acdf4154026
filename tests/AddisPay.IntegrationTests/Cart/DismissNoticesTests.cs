using AddisPay.Cart.Domain;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>Dismissing a cart's notices (DELETE /api/cart/{id}/notices): those the customer has seen, or all.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class DismissNoticesTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A cart of a coffee repriced from 100 to 110 ETB (the cart as shown with that notice), then to 120 ETB, arriving after
    /// the page showing the first notice was drawn (the cart with both); the seen notice dismissed, then all, and the cart
    /// read again.
    /// </summary>
    private sealed record Dismissed(CartView Both, CartView AfterSeen, CartView None, CartView Reread);

    private Task<Dismissed> DismissedAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var coffee = await shop.ProductAsync("NTC-A", 100m);
        var cart = await shop.FilledCartAsync((coffee, 1));
        await shop.Shop.ChangePriceAsync(coffee.Id, 110m);
        var shown = await Eventually.Until(() => shop.Shop.GetCartAsync(cart.Id), c => c.Notices.Count == 1, "the first price notice");
        await shop.Shop.ChangePriceAsync(coffee.Id, 120m); // arrives after the page showing the first notice was drawn
        var both = await Eventually.Until(() => shop.Shop.GetCartAsync(cart.Id), c => c.Notices.Count == 2, "the second price notice");

        var afterSeen = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/notices?eventId={shown.Notices[0].EventId}"));
        var none = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/notices"));
        return new Dismissed(both, afterSeen, none, await shop.Shop.GetCartAsync(cart.Id));
    });

    [Fact]
    public async Task Dismissing_the_notices_seen_leaves_the_newer_one_with_its_price()
    {
        var dismissed = await DismissedAsync();
        var left = Assert.Single(dismissed.AfterSeen.Notices);
        Assert.Equal(dismissed.Both.Notices[1].EventId, left.EventId);
        Assert.Equal(120m, left.NewPriceEtb);
    }

    [Fact]
    public async Task Dismissing_all_notices_leaves_none()
    {
        var dismissed = await DismissedAsync();
        Assert.Empty(dismissed.None.Notices);
        Assert.Empty(dismissed.Reread.Notices);
    }

    [Fact]
    public async Task Dismissing_a_price_notice_keeps_the_new_price() =>
        Assert.Equal(120m, Assert.Single((await DismissedAsync()).None.Lines).UnitPriceEtb);

    [Fact]
    public async Task A_notice_id_that_is_not_a_guid_is_a_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await RefusedInput.ArrangedAsync(platform.Factory)).BadEventId);

    [Fact]
    public async Task Another_customer_or_a_visitor_dismissing_an_owned_carts_notices_gets_a_404() =>
        OwnedCart.AssertRefused(await OwnedCart.ArrangedAsync(platform.Factory), "dismiss the notices");
}
