using AddisPay.Orders.Domain;
using AddisPay.Orders.CustomerPrivacy;

namespace AddisPay.UnitTests.Orders;

/// <summary>What an order keeps of where it went once its customer's account is deleted (pure rule).</summary>
public sealed class ShippingAddressErasureTests
{
    private static ShippingAddress Delivered(string region = "Addis Ababa", string city = "Addis Ababa") => new()
    {
        Recipient = "Almaz Tadesse", Phone = "+251911223344", Region = region, City = city, SubCity = "Bole", Woreda = "03",
        Details = "Near Edna Mall, house 12"
    };

    [Fact]
    public void Recipient_phone_and_street_are_erased()
    {
        var erased = ShippingAddressErasure.Anonymise(Delivered());
        Assert.Equal((ShippingAddressErasure.ErasedRecipient, "", null, null, ""), (erased.Recipient, erased.Phone, erased.SubCity, erased.Woreda, erased.Details));
    }

    [Fact]
    public void Region_and_city_that_priced_the_shipping_stay()
    {
        var erased = ShippingAddressErasure.Anonymise(Delivered("Oromia", "Adama"));
        Assert.Equal(("Oromia", "Adama"), (erased.Region, erased.City));
    }
}
