namespace AddisPay.IntegrationTests.Payments;

/// <summary>The payments whose outcome nobody confirmed, listed for staff to settle by hand.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class NeedingAttentionTests(PaymentsPlatform platform)
{
    private Task<PaymentSettledByHandAsSucceeded> SettledAsync() => platform.OnceAsync(PaymentSettledByHandAsSucceeded.ArrangeAsync);

    [Fact]
    public async Task A_payment_nobody_confirmed_is_listed_with_its_order_gateway_and_amount()
    {
        var settled = await SettledAsync();

        var listed = Assert.IsType<AddisPay.Payments.Contracts.PaymentNeedingAttention>(settled.ListedBefore);
        Assert.Equal((settled.Order.Number, "sandbox", settled.Order.Amounts.TotalEtb), (listed.OrderNumber, listed.Gateway, listed.AmountEtb));
    }

    [Fact]
    public async Task A_payment_settled_by_hand_is_no_longer_listed() => Assert.False((await SettledAsync()).ListedAfter);

    [Fact]
    public async Task A_customer_can_not_list_the_payments_needing_attention() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.OnceAsync(SettlementsRefused.ArrangeAsync)).AttentionByCustomer);
}
