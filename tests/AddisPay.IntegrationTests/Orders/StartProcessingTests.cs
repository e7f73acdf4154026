using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Staff start preparing a paid order in the warehouse.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class StartProcessingTests(PaymentsPlatform platform)
{
    [Fact]
    public async Task A_customer_can_not_start_processing_their_order() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).CustomerProcessing.Status);
}
