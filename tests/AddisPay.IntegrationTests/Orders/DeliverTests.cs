using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>The customer received the order: what actually left the warehouse is announced as delivered.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class DeliverTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    [Fact]
    public async Task A_delivery_lists_only_the_units_left_after_cancellations()
    {
        var story = await platform.OnceAsync(LinesCancelledAndRefunded.ArrangeAsync);

        // What went out: one cup (three less two cancelled) and the pot.
        Assert.Equal(2, await _shop.DeliveredUnitsAsync(story.Order.Id, "is not null"));
        Assert.Equal(1, await _shop.DeliveredUnitsAsync(story.Order.Id, $"= '{story.Cups.Sku}' and coalesce(l->>'Quantity', l->>'quantity') = '1'"));
        Assert.Equal(1, await _shop.DeliveredUnitsAsync(story.Order.Id, $"= '{story.Pot.Sku}' and coalesce(l->>'Quantity', l->>'quantity') = '1'"));
    }

    [Fact]
    public async Task An_order_can_not_be_delivered_before_it_is_processed_and_shipped() =>
        Assert.Equal(HttpStatusCode.Conflict, (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).DeliveryOutOfTurn.Status);
}
