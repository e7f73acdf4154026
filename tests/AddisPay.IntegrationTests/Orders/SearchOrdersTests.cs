using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Staff search orders by status, customer, placing time or number.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class SearchOrdersTests(PaymentsPlatform platform)
{
    [Fact]
    public async Task Staff_find_an_order_by_its_status_and_customer()
    {
        var life = await platform.OnceAsync(OrderLifeCycle.ArrangeAsync);

        Assert.Equal(life.Placed.Id, Assert.Single(life.Search.Items).Id);
    }
}
