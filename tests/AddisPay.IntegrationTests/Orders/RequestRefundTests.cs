using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>A customer asks for their money back after payment.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class RequestRefundTests(PaymentsPlatform platform)
{
    [Fact]
    public async Task A_customer_asks_for_their_money_back_after_delivery() =>
        Assert.Equal(HttpStatusCode.OK, (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).RefundRequest.Status);
}
