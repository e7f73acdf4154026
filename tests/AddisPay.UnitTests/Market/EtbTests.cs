using System.Globalization;
using AddisPay.Market;

namespace AddisPay.UnitTests.Market;

/// <summary>Amounts in birr: to the santim, rounded half away from zero, printed the same in every culture.</summary>
public sealed class EtbTests
{
    [Theory]
    [InlineData("0.105", "0.11")]
    [InlineData("0.125", "0.13")]   // banker's rounding would give 0.12
    [InlineData("2.345", "2.35")]   // banker's rounding would give 2.34
    [InlineData("-0.125", "-0.13")] // a refund rounds away from zero too
    [InlineData("1.004", "1.00")]
    [InlineData("1.006", "1.01")]
    [InlineData("7.5", "7.5")]
    public void An_amount_is_rounded_to_the_santim_half_away_from_zero(string amount, string santim) =>
        Assert.Equal(Dec(santim), Etb.ToSantim(Dec(amount)));

    [Theory]
    [InlineData("10")]
    [InlineData("10.5")]
    [InlineData("10.55")]
    [InlineData("10.550")] // a trailing zero is no fraction of a santim
    [InlineData("-3.20")]
    public void An_amount_with_at_most_two_decimals_is_to_the_santim(string amount) =>
        Assert.True(Etb.IsToTheSantim(Dec(amount)));

    [Theory]
    [InlineData("10.555")]
    [InlineData("0.001")]
    [InlineData("-3.205")]
    public void An_amount_with_a_fraction_of_a_santim_is_not_to_the_santim(string amount) =>
        Assert.False(Etb.IsToTheSantim(Dec(amount)));

    [Fact]
    public void The_largest_decimal_is_judged_without_overflowing() => Assert.True(Etb.IsToTheSantim(decimal.MaxValue));

    [Theory]
    [InlineData("1234.5", "1,234.50")]
    [InlineData("0", "0.00")]
    [InlineData("1000000", "1,000,000.00")]
    [InlineData("-12.5", "-12.50")]
    public void Digits_group_thousands_with_commas_and_show_two_decimals(string amount, string digits) =>
        Assert.Equal(digits, Etb.Digits(Dec(amount)));

    [Fact]
    public void Digits_are_the_same_whatever_the_culture_of_the_thread()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // 1.234,50 in its own notation
            Assert.Equal("1,234.50", Etb.Digits(1234.5m));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
}
