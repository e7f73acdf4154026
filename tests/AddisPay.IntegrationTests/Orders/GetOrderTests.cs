using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>An order for its customer, with its tracking timeline; another customer's answers like a missing one.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class GetOrderTests(PaymentsPlatform platform)
{
    private Task<OrderLifeCycle> LifeAsync() => platform.OnceAsync(OrderLifeCycle.ArrangeAsync);

    [Fact]
    public async Task Another_customer_asking_for_an_order_gets_a_404() => Assert.Equal(HttpStatusCode.NotFound, (await LifeAsync()).StrangersOrder.Status);

    [Fact]
    public async Task An_orders_timeline_tells_every_step_it_went_through_in_order() =>
        Assert.Equal(["pending_payment", "paid", "processing", "shipped", "delivered", "refund_requested", "partially_refunded", "refunded"],
            (await LifeAsync()).Refunded.Timeline.Select(t => t.Status).Distinct());

    [Fact]
    public async Task An_orders_timeline_says_who_took_each_step()
    {
        var timeline = (await LifeAsync()).Refunded.Timeline;

        Assert.Contains(timeline, t => t.Status == "paid" && t.Actor == "payments");
        Assert.Contains(timeline, t => t.Status == "shipped" && t.Actor.StartsWith("admin:"));
    }

    [Fact]
    public async Task An_orders_timeline_is_in_the_order_its_steps_happened()
    {
        var timeline = (await LifeAsync()).Refunded.Timeline;

        Assert.Equal(timeline.OrderBy(t => t.At).Select(t => t.At), timeline.Select(t => t.At));
    }
}
