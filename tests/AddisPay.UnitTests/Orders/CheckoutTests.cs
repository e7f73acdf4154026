using AddisPay.Orders;
using AddisPay.Orders.Domain;
using Microsoft.Extensions.Options;

namespace AddisPay.UnitTests.Orders;

/// <summary>The shipping fee a checkout charges: by region, free from a spend threshold (goods after discount).</summary>
public sealed class CheckoutTests
{
    private static readonly OrdersOptions Fees = new() { ShippingAddisAbabaEtb = 90m, ShippingOtherRegionsEtb = 240m, FreeShippingFromEtb = 4000m };

    // ShippingFee reads the options alone: the catalogue and the database are not needed for it.
    private static readonly Checkout Checkout = new(null!, null!, Options.Create(Fees), TimeProvider.System);

    [Theory]
    [InlineData("Addis Ababa")]
    [InlineData("addis ababa")]
    [InlineData("ADDIS ABABA")]
    public void Addis_Ababa_pays_the_city_rate(string region) => Assert.Equal(90m, Checkout.ShippingFee(region, 1000m));

    [Theory]
    [InlineData("Oromia")]
    [InlineData("Dire Dawa")] // the other chartered city is not Addis Ababa
    [InlineData("Tigray")]
    public void Other_regions_pay_the_regional_rate(string region) => Assert.Equal(240m, Checkout.ShippingFee(region, 1000m));

    [Theory]
    [InlineData("Addis Ababa")]
    [InlineData("Somali")]
    public void Goods_worth_the_threshold_or_more_ship_free(string region)
    {
        Assert.Equal(0m, Checkout.ShippingFee(region, 4000m));
        Assert.Equal(0m, Checkout.ShippingFee(region, 25_000m));
    }

    [Fact]
    public void One_santim_below_the_threshold_pays_shipping() => Assert.Equal(240m, Checkout.ShippingFee("Amhara", 3999.99m));
}
