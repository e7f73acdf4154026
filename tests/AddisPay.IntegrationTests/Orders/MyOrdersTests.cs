using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>The signed-in customer's orders, newest first.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class MyOrdersTests(PaymentsPlatform platform)
{
    [Fact]
    public async Task A_customers_orders_are_theirs()
    {
        var life = await platform.OnceAsync(OrderLifeCycle.ArrangeAsync);

        Assert.Equal(life.Placed.Id, Assert.Single(life.History.Items).Id);
    }
}
