using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Starting to pay an order at a gateway: which orders and gateways, and once per Idempotency-Key.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class PayOrderTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<KeyedPaymentStarts> KeyedAsync() => platform.OnceAsync(KeyedPaymentStarts.ArrangeAsync);

    [Fact]
    public async Task A_payment_at_a_gateway_that_does_not_exist_is_refused_on_gateway() =>
        Assert.Contains("gateway", (await platform.OnceAsync(CheckoutsRefused.ArrangeAsync)).UnknownGateway.Body);

    [Fact]
    public async Task An_order_cancelled_for_a_declined_payment_can_not_be_paid_again() =>
        Assert.Equal(HttpStatusCode.Conflict, (await platform.OnceAsync(SandboxPaymentDeclined.ArrangeAsync)).PayAgain);

    [Fact]
    public async Task A_payment_start_sent_again_with_its_key_replays_the_first_answer()
    {
        var keyed = await KeyedAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (keyed.First.Status, keyed.Again.Status));
        Assert.True(keyed.Again.Replayed);
        Assert.Equal(keyed.First.Body, keyed.Again.Body);
    }

    [Fact]
    public async Task A_key_reused_for_another_gateway_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await KeyedAsync()).OtherBody.Status);

    [Fact]
    public async Task A_retry_of_a_start_still_opening_at_the_gateway_is_a_409_to_come_back_in_a_second()
    {
        var retry = (await KeyedAsync()).RetryWhileHeld;

        Assert.Equal(HttpStatusCode.Conflict, retry.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.RetryAfter); // when to come back: the calling pods retry after it
    }

    [Fact]
    public async Task A_start_held_at_the_gateway_completes_and_its_retries_then_replay_it()
    {
        var keyed = await KeyedAsync();

        Assert.Equal(HttpStatusCode.Created, keyed.Held.Status);
        Assert.True(keyed.AfterHeld.Replayed);
    }

    [Fact]
    public async Task An_order_keyed_at_two_gateways_has_one_attempt_at_each() =>
        Assert.Equal(2, await _shop.AttemptsAsync((await KeyedAsync()).Order.Id));

    [Fact]
    public async Task A_payment_is_started_for_the_orders_total() => Assert.Equal(2415m, (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).Session.AmountEtb);

    [Fact]
    public async Task Starting_to_pay_again_returns_the_open_attempt()
    {
        var life = await platform.OnceAsync(OrderLifeCycle.ArrangeAsync);

        Assert.Equal(life.Session.PaymentId, life.SecondStart);
    }

    [Fact]
    public async Task A_customer_whose_payment_start_was_cut_off_gets_the_same_attempt_on_trying_again_and_pays_it()
    {
        var product = await _shop.Shop.CreateProductAsync(PaymentShop.NewSku("CUTOFF"), 180m, stock: 3);
        var buyer = await Buyer.SignUpAsync(_shop.Http);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 1));

        await Scenarios.CutOffPaymentStartScenario.RunAsync(buyer, order.Id, platform.Factory.ConnectionString);
    }
}
