using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>What ordering the cart would cost now: the checkout page's totals.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class QuoteOrderTests(PaymentsPlatform platform)
{
    [Fact]
    public async Task A_quote_prices_the_cart_with_shipping_and_vat_on_both()
    {
        var amounts = (await platform.OnceAsync(OrderLifeCycle.ArrangeAsync)).QuotedAmounts;

        // 2 × 1000 + 100 shipping in Addis Ababa, 15% VAT on both.
        Assert.Equal((2000m, 100m, 315m, 2415m), (amounts.GetProperty("subtotalEtb").GetDecimal(), amounts.GetProperty("shippingEtb").GetDecimal(),
            amounts.GetProperty("vatEtb").GetDecimal(), amounts.GetProperty("totalEtb").GetDecimal()));
    }
}
