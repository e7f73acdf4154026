using System.Net;
using AddisPay.IntegrationTests.Payments;
using Xunit;

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
}
