using AddisPay.Cart.Domain;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>An order placed from a cart (OrderPlaced, published as Orders does) takes out exactly what it bought, once.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class TakeOrderedItemsOutOfCartTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A cart of 3 coffees (300 ETB) and a honey; an order of 2 coffees and the honey placed from it, and a tea (120 ETB)
    /// added before Cart heard of the order: the cart once the honey left. Then the same event delivered again, followed by
    /// a later order from another cart: the first cart once that one is applied (the inbox has passed the redelivery).
    /// </summary>
    private sealed record Ordered(string CoffeeSku, string TeaSku, CartView Emptied, CartView AfterRedelivery);

    private Task<Ordered> OrderedAsync() => ArrangedAsync(platform.Factory, async shop =>
    {
        var coffee = await shop.ProductAsync("ORD-A", 300m);
        var honey = await shop.ProductAsync("ORD-B", 900m);
        var tea = await shop.ProductAsync("ORD-C", 120m);
        var cart = await shop.FilledCartAsync((coffee, 3), (honey, 1));
        var customer = Guid.NewGuid();
        var placed = OrderPlacedFrom(cart.Id, customer, (coffee, 2), (honey, 1));
        // Added after the order was placed, before Cart heard of it: not part of the order, so it stays.
        await ExpectCartAsync(await shop.Shop.AddItemAsync(cart.Id, tea.Id, 1));

        await shop.PublishAsync(placed);
        var emptied = await Eventually.Until(() => shop.Shop.GetCartAsync(cart.Id), c => c.Lines.All(l => l.Sku != honey.Sku), "the ordered items to leave the cart");

        var other = await shop.FilledCartAsync((tea, 2));
        await shop.PublishAsync(placed, OrderPlacedFrom(other.Id, customer, (tea, 2)));
        await Eventually.Until(() => shop.Shop.GetCartAsync(other.Id), c => c.Lines.Count == 0, "the later order to empty the other cart");
        return new Ordered(coffee.Sku, tea.Sku, emptied, await shop.Shop.GetCartAsync(cart.Id));
    });

    [Fact]
    public async Task An_order_takes_out_what_it_bought_and_leaves_what_was_added_since()
    {
        var ordered = await OrderedAsync();
        Assert.Equal([(ordered.CoffeeSku, 1), (ordered.TeaSku, 1)], ordered.Emptied.Lines.Select(l => (l.Sku, l.Quantity)).ToArray());
    }

    [Fact]
    public async Task A_cart_an_order_took_items_out_of_is_priced_with_what_is_left() =>
        Assert.Equal(300m + 120m, (await OrderedAsync()).Emptied.SubtotalEtb);

    [Fact]
    public async Task An_order_delivered_again_takes_nothing_more_out()
    {
        var ordered = await OrderedAsync();
        Assert.Equal([(ordered.CoffeeSku, 1), (ordered.TeaSku, 1)], ordered.AfterRedelivery.Lines.Select(l => (l.Sku, l.Quantity)).ToArray());
        Assert.Equal(ordered.Emptied.UpdatedAt, ordered.AfterRedelivery.UpdatedAt);
    }
}
