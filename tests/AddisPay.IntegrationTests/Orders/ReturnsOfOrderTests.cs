using AddisPay.IntegrationTests.Payments;
using AddisPay.Orders.Domain;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>The returns of an order, oldest first, for its customer; another customer's answers like a missing one.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class ReturnsOfOrderTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private async Task<List<ReturnView>> ReturnsAsync()
    {
        var returned = await platform.OnceAsync(GoodsReturned.ArrangeAsync);
        using var r = await _shop.Http.SendAsync(returned.Buyer.Request(HttpMethod.Get, $"/api/orders/{returned.Order.Id}/returns"));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<List<ReturnView>>(Buyer.Json))!;
    }

    [Fact]
    public async Task An_orders_returns_are_listed_oldest_first_with_where_each_stands() =>
        Assert.Equal(new[] { "refused", "received" }, (await ReturnsAsync()).Select(r => r.Status));

    [Fact]
    public async Task A_received_returns_lines_show_what_became_of_them() =>
        Assert.Equal(new[] { "restock", "write_off" }, (await ReturnsAsync())[1].Lines.Select(l => l.Outcome));

    [Fact]
    public async Task Another_customer_asking_for_an_orders_returns_gets_a_404()
    {
        var returned = await platform.OnceAsync(GoodsReturned.ArrangeAsync);

        using var theirs = await _shop.Http.SendAsync(returned.Other.Request(HttpMethod.Get, $"/api/orders/{returned.Order.Id}/returns"));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }
}
