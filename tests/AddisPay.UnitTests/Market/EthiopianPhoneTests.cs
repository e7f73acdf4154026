using AddisPay.Market;

namespace AddisPay.UnitTests.Market;

/// <summary>Ethiopian phone numbers, from the forms people type to E.164 (+251 and nine digits).</summary>
public sealed class EthiopianPhoneTests
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
        Assert.Equal("+251911234567", EthiopianPhone.Normalize(typed));

    [Theory]
    [InlineData("0711234567", "+251711234567")] // Safaricom Ethiopia's 07 mobiles
    [InlineData("0111234567", "+251111234567")] // an Addis Ababa landline
    [InlineData("0251112233", "+251251112233")] // a Dire Dawa landline
    [InlineData("+251 46 220 1234", "+251462201234")] // a Hawassa landline, international form
    public void Safaricom_mobiles_and_landlines_are_Ethiopian_numbers_too(string typed, string e164) =>
        Assert.Equal(e164, EthiopianPhone.Normalize(typed));

    [Theory]
    [InlineData("091123456")]       // a digit short
    [InlineData("09112345678")]     // a digit too many
    [InlineData("+25191123456")]    // eight digits after +251
    [InlineData("+2519112345678")]  // ten digits after +251
    [InlineData("25191123456")]     // 251 and a digit short, without +
    [InlineData("12345")]
    public void A_number_of_the_wrong_length_is_refused(string typed) =>
        Assert.Null(EthiopianPhone.Normalize(typed));

    [Theory]
    [InlineData("0811234567")]      // no 08 numbers
    [InlineData("0611234567")]
    [InlineData("0011234567")]
    [InlineData("+254711234567")]   // Kenya
    [InlineData("+12025550123")]    // the United States
    [InlineData("+911234567")]      // a + with nine digits is not a national number
    public void A_number_with_a_prefix_Ethiopia_does_not_use_is_refused(string typed) =>
        Assert.Null(EthiopianPhone.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("phone")]
    public void Nothing_or_no_digits_is_no_phone_number(string? typed) =>
        Assert.Null(EthiopianPhone.Normalize(typed));

    [Theory]
    [InlineData("0911 23 45 67", true)]
    [InlineData("+251111234567", true)]
    [InlineData("0811234567", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_number_is_valid_exactly_when_it_normalizes(string? typed, bool valid) =>
        Assert.Equal(valid, EthiopianPhone.IsValid(typed));
}
