using AddisPay.Notifications.Domain;

namespace AddisPay.UnitTests.Notifications;

/// <summary>The credit-note, partial-cancellation and return messages, in English and Amharic, say their facts.</summary>
public sealed class RefundMessagesTests
{
    private static readonly MessageTemplates Templates = new();

    private static Dictionary<string, object?> Model() => new()
    {
        ["name"] = "Almaz", ["order"] = "AP001234", ["number"] = "CN-2026-000007", ["receipt"] = "INV-2026-000042", ["total"] = "529.00",
        ["net"] = "460.00", ["vat"] = "69.00", ["shipping"] = true, ["items"] = "1 × Jebena", ["amount"] = "1,035.00", ["reason"] = "Used",
    };

    [Theory]
    [InlineData("en")]
    [InlineData("am")]
    public void A_credit_note_names_its_number_the_receipt_it_corrects_the_vat_and_the_total(string language)
    {
        var email = Templates.Email(TemplateCatalogue.CreditNoteIssued, language, Model(), "https://shop.example/orders/1");

        foreach (var fact in new[] { "CN-2026-000007", "INV-2026-000042", "69.00", "460.00", "529.00", "1 × Jebena" })
            Assert.Contains(fact, email.Text);
        Assert.Contains("CN-2026-000007", email.Subject);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("am")]
    public void Every_step_of_a_partial_cancellation_and_a_return_has_its_message_in_both_languages(string language)
    {
        foreach (var template in new[] { TemplateCatalogue.OrderLinesCancelled, TemplateCatalogue.ReturnRequested, TemplateCatalogue.ReturnApproved,
                     TemplateCatalogue.ReturnRefused, TemplateCatalogue.ReturnReceived })
        {
            var email = Templates.Email(template, language, Model(), null);
            Assert.Contains("AP001234", email.Subject + email.Text);
            Assert.DoesNotContain("{{", email.Text);
            Assert.NotNull(Templates.Sms(template, language, Model()));
        }
        Assert.NotEqual(Templates.Email(TemplateCatalogue.ReturnApproved, "en", Model(), null).Subject,
            Templates.Email(TemplateCatalogue.ReturnApproved, "am", Model(), null).Subject);
    }
}
