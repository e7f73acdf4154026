namespace AddisPay.IntegrationTests.Payments;

/// <summary>The sandbox's hosted payment page: the outcome chosen there, and where it sends the customer back to.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class SandboxCheckoutTests(PaymentsPlatform platform)
{
    private Task<SandboxPaidWithReturnAddress> PaidAsync() => platform.OnceAsync(SandboxPaidWithReturnAddress.ArrangeAsync);

    [Fact]
    public async Task The_sandbox_page_sends_the_customer_back_to_an_allowed_storefront_address_with_the_reference_and_outcome()
    {
        var paid = await PaidAsync();

        Assert.Equal(HttpStatusCode.Redirect, paid.Page);
        Assert.Equal($"http://localhost:5080/thanks?tx_ref={paid.Session.Reference}&status=success", paid.Location);
    }

    [Fact]
    public async Task Success_chosen_on_the_sandbox_page_pays_the_order()
    {
        var paid = await PaidAsync();

        await paid.Buyer.OrderReachesAsync(paid.Order.Id, "paid");
    }

    [Fact]
    public async Task A_delayed_outcome_on_the_sandbox_page_sends_no_webhook_and_leaves_the_order_unpaid()
    {
        var lost = await platform.OnceAsync(SandboxWebhookLost.ArrangeAsync);

        Assert.Equal(HttpStatusCode.OK, lost.Delayed);
        Assert.Equal("pending_payment", lost.StatusBeforeReconciling);
    }
}
