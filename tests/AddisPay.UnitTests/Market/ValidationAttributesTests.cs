using System.Globalization;
using AddisPay.Market;

namespace AddisPay.UnitTests.Market;

/// <summary>The request validation attributes built on the market's rules (400 with field errors when they refuse).</summary>
public sealed class ValidationAttributesTests
{
    [Fact]
    public void The_phone_attribute_accepts_an_Ethiopian_number_or_nothing_and_refuses_anything_else()
    {
        var rule = new EthiopianPhoneAttribute();
        Assert.True(rule.IsValid("0911 23 45 67"));
        Assert.True(rule.IsValid(null));
        Assert.True(rule.IsValid(""));
        Assert.False(rule.IsValid("0811234567"));
        Assert.False(rule.IsValid(911234567)); // not text
    }

    [Theory]
    [InlineData("Addis Ababa")]
    [InlineData("addis ababa")]
    [InlineData("Tigray")]
    public void The_region_attribute_accepts_a_region_whatever_its_letter_case(string region) =>
        Assert.True(new EthiopianRegionAttribute().IsValid(region));

    [Theory]
    [InlineData("SNNPR")]
    [InlineData("Nairobi")]
    [InlineData("")]
    public void The_region_attribute_refuses_a_place_that_is_not_a_current_region(string region) =>
        Assert.False(new EthiopianRegionAttribute().IsValid(region));

    [Fact]
    public void The_region_attribute_leaves_a_missing_region_to_the_required_rule() =>
        Assert.True(new EthiopianRegionAttribute().IsValid(null));

    [Theory]
    [InlineData("10")]
    [InlineData("10.5")]
    [InlineData("10.55")]
    public void An_amount_to_the_santim_is_accepted(string amount) =>
        Assert.True(new SantimAttribute().IsValid(Dec(amount)));

    [Fact]
    public void An_amount_finer_than_a_santim_is_refused() =>
        Assert.False(new SantimAttribute().IsValid(10.555m));

    [Theory]
    [InlineData("0.01")]
    [InlineData("1.5")]
    [InlineData("10000000")]
    public void A_price_from_one_santim_to_ten_million_birr_is_accepted(string price) =>
        Assert.True(new EtbPriceAttribute().IsValid(Dec(price)));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10000000.01")]
    [InlineData("1.005")]
    public void A_price_of_nothing_below_nothing_above_ten_million_or_finer_than_a_santim_is_refused(string price) =>
        Assert.False(new EtbPriceAttribute().IsValid(Dec(price)));

    [Fact]
    public void A_missing_price_is_left_to_the_required_rule() => Assert.True(new EtbPriceAttribute().IsValid(null));

    private static decimal Dec(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
}
