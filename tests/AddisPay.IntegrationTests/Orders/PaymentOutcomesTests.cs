using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>The checkout saga's Orders side: a declined payment cancels the order and gives its stock back; a payment settles the stock it held.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class PaymentOutcomesTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<SandboxPaymentDeclined> DeclinedAsync() => platform.OnceAsync(SandboxPaymentDeclined.ArrangeAsync);

    [Fact]
    public async Task A_declined_payment_cancels_the_order_as_payment_failed()
    {
        var declined = await DeclinedAsync();

        Assert.Equal(HttpStatusCode.OK, declined.Declined);
        Assert.Equal(("cancelled", "payment_failed"), (declined.Cancelled.Status, declined.Cancelled.CancellationReason));
    }

    [Fact]
    public async Task A_declined_payment_gives_the_held_stock_back()
    {
        var declined = await DeclinedAsync();

        Assert.Equal((0, 20), (declined.Released.Reserved, declined.Released.Available));
    }

    [Fact]
    public async Task A_payment_found_by_reconciliation_takes_the_held_stock()
    {
        var lost = await platform.OnceAsync(SandboxWebhookLost.ArrangeAsync);

        await lost.Buyer.OrderReachesAsync(lost.Order.Id, "paid");

        Assert.Equal(0, (await _shop.StockAsync(lost.Sku)).Reserved);
    }

    [Fact]
    public async Task A_successful_payment_marks_the_order_paid_by_its_gateway()
    {
        var paid = (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).Paid;

        Assert.Equal(("paid", "sandbox"), (paid.Status, paid.Gateway));
    }

    [Fact]
    public async Task A_paid_orders_units_are_sold()
    {
        var sold = (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).Sold;

        Assert.Equal((8, 0, 8), (sold.OnHand, sold.Reserved, sold.Available));
    }

    [Fact]
    public async Task The_five_orders_paid_for_the_last_five_units_sell_them_all()
    {
        var sold = (await platform.OnceAsync(LastFiveUnits.ArrangeAsync)).Sold;

        Assert.Equal((0, 0, 0), (sold.OnHand, sold.Reserved, sold.Available));
        Assert.Equal(5, sold.Movements.Count(m => m.Reason == "sold"));
    }
}
