using AddisPay.Shared.Http;
using Xunit;

namespace AddisPay.UnitTests.Shared;

/// <summary>The Ethiopian market's rules: +251 phone numbers, regions, VAT to the santim and ETB amounts.</summary>
public sealed class EthiopianTests
{
    [Theory]
    [InlineData("0911234567")]
    [InlineData("0911 23 45 67")]
    [InlineData("0911-234-567")]
    [InlineData("911234567")]
    [InlineData("+251911234567")]
    [InlineData("+251 911 234 567")]
    [InlineData("+251-911-234567")]
    [InlineData("  +251911234567  ")]
    [InlineData("251911234567")]
    public void A_mobile_number_typed_in_any_usual_form_becomes_E164(string typed) =>
        Assert.Equal("+251911234567", Ethiopian.NormalizePhone(typed));

    [Theory]
    [InlineData("0711234567", "+251711234567")] // Safaricom Ethiopia's 07 mobiles
    [InlineData("0111234567", "+251111234567")] // an Addis Ababa landline
    [InlineData("0251112233", "+251251112233")] // a Dire Dawa landline
    [InlineData("+251 46 220 1234", "+251462201234")] // a Hawassa landline, international form
    public void Safaricom_mobiles_and_landlines_are_Ethiopian_numbers_too(string typed, string e164) =>
        Assert.Equal(e164, Ethiopian.NormalizePhone(typed));

    [Theory]
    [InlineData("091123456")]       // a digit short
    [InlineData("09112345678")]     // a digit too many
    [InlineData("+25191123456")]    // eight digits after +251
    [InlineData("+2519112345678")]  // ten digits after +251
    [InlineData("25191123456")]     // 251 and a digit short, without +
    [InlineData("12345")]
    public void A_number_of_the_wrong_length_is_refused(string typed) =>
        Assert.Null(Ethiopian.NormalizePhone(typed));

    [Theory]
    [InlineData("0811234567")]      // no 08 numbers
    [InlineData("0611234567")]
    [InlineData("0011234567")]
    [InlineData("+254711234567")]   // Kenya
    [InlineData("+12025550123")]    // the United States
    [InlineData("+911234567")]      // a + with nine digits is not a national number
    public void A_number_with_a_prefix_Ethiopia_does_not_use_is_refused(string typed) =>
        Assert.Null(Ethiopian.NormalizePhone(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("phone")]
    public void Nothing_or_no_digits_is_no_phone_number(string? typed) =>
        Assert.Null(Ethiopian.NormalizePhone(typed));

    [Fact]
    public void The_phone_attribute_accepts_an_Ethiopian_number_or_nothing_and_refuses_anything_else()
    {
        var rule = new Ethiopian.PhoneAttribute();
        Assert.True(rule.IsValid("0911 23 45 67"));
        Assert.True(rule.IsValid(null));
        Assert.True(rule.IsValid(""));
        Assert.False(rule.IsValid("0811234567"));
        Assert.False(rule.IsValid(911234567)); // not text
    }

    [Theory]
    [InlineData("Addis Ababa")]
    [InlineData("addis ababa")]
    [InlineData("Dire Dawa")]
    [InlineData("Sidama")]
    [InlineData("South West Ethiopia")]
    [InlineData("Central Ethiopia")]
    [InlineData("Tigray")]
    public void A_region_or_chartered_city_is_accepted_whatever_its_letter_case(string region) =>
        Assert.True(new Ethiopian.RegionAttribute().IsValid(region));

    [Theory]
    [InlineData("SNNPR")] // dissolved in 2023 into Central Ethiopia and South Ethiopia
    [InlineData("Nairobi")]
    [InlineData("Addis")]
    [InlineData("")]
    public void A_place_that_is_not_a_current_region_is_refused(string region) =>
        Assert.False(new Ethiopian.RegionAttribute().IsValid(region));

    [Fact]
    public void The_regions_are_Ethiopias_twelve_regions_and_two_chartered_cities_each_once()
    {
        Assert.Equal(14, Ethiopian.Regions.Length);
        Assert.Equal(Ethiopian.Regions.Length, Ethiopian.Regions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Addis Ababa", Ethiopian.Regions);
        Assert.Contains("Dire Dawa", Ethiopian.Regions);
    }

    [Theory]
    [InlineData("100", "15.00")]
    [InlineData("99.99", "15.00")]   // 14.9985
    [InlineData("0.70", "0.11")]     // 0.105: half away from zero, where banker's rounding gives 0.10
    [InlineData("2.30", "0.35")]     // 0.345, likewise (not 0.34)
    [InlineData("1234.30", "185.15")] // 185.145
    [InlineData("0.03", "0.00")]     // 0.0045
    [InlineData("0", "0")]
    [InlineData("-0.70", "-0.11")]   // a refund rounds away from zero too
    public void VAT_is_fifteen_percent_rounded_half_away_from_zero_to_the_santim(string amount, string vat) =>
        Assert.Equal(decimal.Parse(vat, System.Globalization.CultureInfo.InvariantCulture),
            Ethiopian.VatOn(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void VAT_always_has_at_most_two_decimals()
    {
        foreach (var santim in Enumerable.Range(1, 1000))
        {
            var vat = Ethiopian.VatOn(santim / 100m);
            Assert.Equal(decimal.Round(vat, 2), vat);
        }
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10.5")]
    [InlineData("10.55")]
    public void An_amount_to_the_santim_is_accepted(string amount) =>
        Assert.True(new Ethiopian.SantimAttribute().IsValid(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_amount_finer_than_a_santim_is_refused() =>
        Assert.False(new Ethiopian.SantimAttribute().IsValid(10.555m));

    [Theory]
    [InlineData("0.01")]
    [InlineData("1.5")]
    [InlineData("10000000")]
    public void A_price_from_one_santim_to_ten_million_birr_is_accepted(string price) =>
        Assert.True(new Ethiopian.PriceAttribute().IsValid(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10000000.01")]
    [InlineData("1.005")]
    public void A_price_of_nothing_below_nothing_above_ten_million_or_finer_than_a_santim_is_refused(string price) =>
        Assert.False(new Ethiopian.PriceAttribute().IsValid(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_missing_price_is_left_to_the_required_rule() => Assert.True(new Ethiopian.PriceAttribute().IsValid(null));
}
