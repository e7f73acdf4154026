using AddisPay.Payments.Contracts;
using AddisPay.Payments.CustomerPrivacy;

namespace AddisPay.UnitTests.Payments;

/// <summary>What a payment or receipt keeps of its payer once the account is deleted (pure rule).</summary>
public sealed class PayerErasureTests
{
    [Fact]
    public void Name_email_and_phone_are_erased()
    {
        var erased = PayerErasure.Anonymise(new PayerDetails("almaz@example.et", "Almaz Tadesse", "+251911223344", "am"));
        Assert.Equal(("", PayerErasure.ErasedName, (string?)null), (erased.Email, erased.FullName, erased.Phone));
    }

    [Theory]
    [InlineData("am")]
    [InlineData("en")]
    public void The_language_the_receipt_is_worded_in_stays(string language) =>
        Assert.Equal(language, PayerErasure.Anonymise(new PayerDetails("a@example.et", "Abebe", null, language)).Language);
}
