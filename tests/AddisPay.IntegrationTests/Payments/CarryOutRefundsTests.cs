namespace AddisPay.IntegrationTests.Payments;

/// <summary>A refund Orders issued goes back through the gateway that took the payment.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class CarryOutRefundsTests(PaymentsPlatform platform)
{
    private Task<ChapaPaymentRefunded> RefundedAsync() => platform.OnceAsync(ChapaPaymentRefunded.ArrangeAsync);

    [Fact]
    public async Task A_refund_of_a_chapa_payment_goes_through_chapas_refund_api_with_its_amount_and_reason()
    {
        var refunded = await RefundedAsync();

        var call = Assert.Single(refunded.RefundCalls);
        Assert.Equal("Late delivery", call["reason"]!.GetValue<string>());
        Assert.Equal("100.00", call["amount"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chapa_holds_the_refunded_amount_against_the_transaction()
    {
        var refunded = await RefundedAsync();

        Assert.Equal(100m, platform.Chapa.Transactions[refunded.Session.Reference].Refunded);
    }
}
