using AddisPay.Storefront.Shopping;
using AddisPay.Shared.Pages;

namespace AddisPay.UnitTests.Storefront;

/// <summary>Amounts in birr as shoppers read them, whatever the server's culture.</summary>
public sealed class EtbAmountTests
{
    [Theory]
    [InlineData("1234.5", "ETB 1,234.50")]
    [InlineData("0.05", "ETB 0.05")]
    [InlineData("10000000", "ETB 10,000,000.00")]
    public void English_puts_the_currency_first_with_thousands_separators_and_santim(string etb, string shown) =>
        Assert.Equal(shown, EtbAmount.Format(decimal.Parse(etb, System.Globalization.CultureInfo.InvariantCulture), ShopLanguage.English));

    [Fact]
    public void Amharic_puts_birr_after_the_amount() => Assert.Equal("1,234.50 ብር", EtbAmount.Format(1234.5m, ShopLanguage.Amharic));

    [Fact]
    public void The_format_does_not_follow_the_servers_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // 1.234,50
            Assert.Equal("ETB 1,234.50", EtbAmount.Format(1234.5m, ShopLanguage.English));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
