using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>A customer asks to return delivered goods: within the return window, units delivered and not in another open return.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class RequestReturnTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<GoodsReturned> ReturnedAsync() => platform.OnceAsync(GoodsReturned.ArrangeAsync);

    [Fact]
    public async Task A_return_asked_for_before_delivery_is_a_409() => Assert.Equal(HttpStatusCode.Conflict, (await ReturnedAsync()).BeforeDelivery.Status);

    [Fact]
    public async Task Returning_more_units_than_were_delivered_is_a_400_on_the_lines_quantity()
    {
        var tooMany = (await ReturnedAsync()).TooMany;

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Contains("lines[0].quantity", tooMany.Body);
    }

    [Fact]
    public async Task Another_customer_asking_to_return_the_order_gets_a_404() => Assert.Equal(HttpStatusCode.NotFound, (await ReturnedAsync()).OthersOrder.Status);

    [Fact]
    public async Task Refused_return_requests_write_no_return() => Assert.Equal(0, (await ReturnedAsync()).ReturnsAfterRefusals);

    [Fact]
    public async Task Units_in_an_open_return_can_not_be_asked_for_again() => Assert.Equal(HttpStatusCode.BadRequest, (await ReturnedAsync()).Held.Status);

    [Fact]
    public async Task The_units_of_a_refused_return_can_be_asked_for_again() => Assert.Equal(HttpStatusCode.Created, (await ReturnedAsync()).SecondAsk.Status);

    [Fact]
    public async Task A_return_asked_for_past_the_window_is_a_409_saying_the_14_day_window_closed()
    {
        var returned = await ReturnedAsync();

        Assert.Equal(1, returned.DeliveriesMoved); // the delivery moved back 15 days
        Assert.Equal(HttpStatusCode.Conflict, returned.PastWindow.Status);
        var problem = JsonSerializer.Deserialize<JsonElement>(returned.PastWindow.Body);
        Assert.Equal(("return.window-closed", "14"), (problem.GetProperty("reason").GetString(), problem.GetProperty("facts").GetProperty("days").GetString()));
    }

    [Fact]
    public async Task A_return_asked_for_past_the_window_writes_nothing() =>
        Assert.Equal(2, await _shop.CountAsync("select count(*) from orders.returns where \"OrderId\"::text = @id", (await ReturnedAsync()).Order.Id));
}
