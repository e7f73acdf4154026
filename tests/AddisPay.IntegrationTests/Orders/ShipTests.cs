using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>The order left the warehouse with a carrier and a tracking number.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class ShipTests(PaymentsPlatform platform)
{
    private Task<OrderLifeCycle> LifeAsync() => platform.OnceAsync(OrderLifeCycle.ArrangeAsync);

    [Fact]
    public async Task A_shipment_without_a_carrier_is_a_400() => Assert.Equal(HttpStatusCode.BadRequest, (await LifeAsync()).ShipmentWithoutCarrier.Status);

    [Fact]
    public async Task A_shipped_order_carries_its_carrier_and_tracking_number()
    {
        var shipped = (await LifeAsync()).Shipped;

        Assert.Equal(("shipped", "Ethio Post", "EP-2026-0042"), (shipped.Status, shipped.Carrier, shipped.TrackingNumber));
    }
}
