namespace AddisPay.IntegrationTests.Payments;

/// <summary>Reconciliation: payments whose webhook never came are verified with their gateway; old counts of unverified webhooks are forgotten.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class ReconcilePaymentsTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<SandboxWebhookLost> LostAsync() => platform.OnceAsync(SandboxWebhookLost.ArrangeAsync);
    private Task<UnverifiedWebhookCountsAged> AgedAsync() => platform.OnceAsync(UnverifiedWebhookCountsAged.ArrangeAsync);

    [Fact]
    public async Task Only_staff_run_reconciliation() => Assert.Equal(HttpStatusCode.Forbidden, (await LostAsync()).ByCustomer);

    [Fact]
    public async Task Reconciliation_finds_a_payment_whose_webhook_never_came_and_pays_its_order()
    {
        var lost = await LostAsync();

        Assert.Equal(HttpStatusCode.OK, lost.ByStaff);
        await lost.Buyer.OrderReachesAsync(lost.Order.Id, "paid");
    }

    [Fact]
    public async Task Counts_of_unverified_webhooks_older_than_their_retention_are_forgotten()
    {
        var aged = await AgedAsync();

        Assert.True(aged.Forgotten >= 1, $"{aged.Forgotten} forgotten");
        Assert.Equal(0, await _shop.ScalarAsync("select count(*) from payments.unverified_webhooks where \"Hour\" < now() - interval '7 days'"));
    }

    [Fact]
    public async Task Counts_of_unverified_webhooks_within_their_retention_are_kept()
    {
        var aged = await AgedAsync();

        Assert.Equal(1, await _shop.ScalarAsync($"select count(*) from payments.unverified_webhooks where \"Gateway\" = 'sandbox' and \"Hour\" = '{aged.Recent:yyyy-MM-dd HH:mm:ss}+00'::timestamptz"));
    }
}
