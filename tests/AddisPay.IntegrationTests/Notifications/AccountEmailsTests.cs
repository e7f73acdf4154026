using System.Text.RegularExpressions;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// The account emails Users asks for (the address's verification, a password reset, the warning to the owner of an address
/// someone tried to register with): real email through smtp4dev, in the customer's language, never by SMS. One run of the
/// three, each fact checks one behaviour of it.
/// </summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class AccountEmailsTests(NotificationsPlatform platform)
{
    /// <summary>
    /// An Amharic customer who verified their address by the emailed link (<see cref="NotificationsPlatform.CustomerAsync"/>
    /// follows it and expects 204), an English one who asked for a password reset and used its link, and an Amharic one
    /// whose address someone else tried to register with.
    /// </summary>
    private sealed record Sent(
        IReadOnlyList<ReceivedEmail> ToAmharic,
        Customer English, HttpStatusCode ForgotAnswer, IReadOnlyList<ReceivedEmail> ToEnglish, HttpStatusCode ResetAnswer,
        Customer Owner, HttpStatusCode AgainAnswer, IReadOnlyList<ReceivedEmail> ToOwner);

    private Task<Sent> SentAsync() => platform.ArrangedAsync(async p =>
    {
        var amharic = await p.CustomerAsync("am", verified: true);
        var toAmharic = await p.Smtp.MessagesToAsync(amharic.Email);

        var english = await p.CustomerAsync("en");
        HttpStatusCode forgotAnswer;
        using (var forgot = await p.Http.PostAsJsonAsync("/api/users/password/forgot", new { email = english.Email }))
            forgotAnswer = forgot.StatusCode;
        var toEnglish = await p.EmailsAsync(english.Email, 2);
        var reset = toEnglish.FirstOrDefault(e => e.Subject == "Reset your AddisPay password");
        HttpStatusCode resetAnswer = 0;
        if (reset is not null)
        {
            var token = Regex.Match(reset.Text, @"reset-password\?token=(\S+)").Groups[1].Value;
            using var r = await p.Http.PostAsJsonAsync("/api/users/password/reset", new { token = Uri.UnescapeDataString(token), newPassword = "Injera-and-wot-2026" });
            resetAnswer = r.StatusCode;
        }

        var owner = await p.CustomerAsync("am");
        HttpStatusCode againAnswer;
        using (var again = await p.Http.PostAsJsonAsync("/api/users/register",
                   new { email = owner.Email.ToUpperInvariant(), password = "Shiro-and-injera-8", fullName = "Someone Else" }))
            againAnswer = again.StatusCode;
        var toOwner = await p.EmailsAsync(owner.Email, 2); // the verification email, then the warning

        return new Sent(toAmharic, english, forgotAnswer, toEnglish, resetAnswer, owner, againAnswer, toOwner);
    });

    [Fact]
    public async Task The_verification_email_arrives_once_in_the_customers_language()
    {
        var verification = Assert.Single((await SentAsync()).ToAmharic);
        Assert.Equal("የAddisPay ኢሜይል አድራሻዎን ያረጋግጡ", verification.Subject);
        Assert.Contains("ሰላም አበበ ከበደ፣", verification.Text);
        Assert.Contains("<p>ሰላም አበበ ከበደ፣</p>", verification.Html);
    }

    [Fact]
    public async Task The_verification_email_comes_from_the_shops_address()
    {
        var verification = Assert.Single((await SentAsync()).ToAmharic);
        Assert.Equal("shop@addispay.test", verification.From.Trim('<', '>'));
    }

    [Fact]
    public async Task The_verification_email_links_to_the_storefronts_verification_page_in_its_text_and_html()
    {
        var verification = Assert.Single((await SentAsync()).ToAmharic);
        Assert.Contains("ኢሜይሌን አረጋግጥ: https://shop.addispay.test/verify-email?token=", verification.Text);
        Assert.Contains("<a href=\"https://shop.addispay.test/verify-email?token=", verification.Html);
        Assert.Contains(">ኢሜይሌን አረጋግጥ</a>", verification.Html);
    }

    [Fact]
    public async Task A_password_reset_email_arrives_once_in_the_customers_language_in_text_and_html()
    {
        var sent = await SentAsync();
        Assert.Equal(HttpStatusCode.Accepted, sent.ForgotAnswer);
        var reset = Assert.Single(sent.ToEnglish, e => e.Subject == "Reset your AddisPay password");
        Assert.Contains("Hello Abebe Kebede,", reset.Text);
        Assert.Contains("If you did not ask for this, ignore this email", reset.Text);
        Assert.Contains("<!DOCTYPE html>", reset.Html);
        Assert.Contains("If you did not ask for this, ignore this email", reset.Html);
    }

    [Fact]
    public async Task A_password_reset_email_has_no_unsubscribe_header_since_transactional_mail_has_nothing_to_unsubscribe_from()
    {
        var reset = Assert.Single((await SentAsync()).ToEnglish, e => e.Subject == "Reset your AddisPay password");
        Assert.False(reset.Headers.ContainsKey("List-Unsubscribe"));
    }

    [Fact]
    public async Task The_password_reset_emails_link_sets_a_new_password()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await SentAsync()).ResetAnswer);
    }

    [Fact]
    public async Task Registering_with_a_taken_address_warns_its_owner_by_email_in_their_language()
    {
        var sent = await SentAsync();
        Assert.Equal(HttpStatusCode.Accepted, sent.AgainAnswer);
        var warning = Assert.Single(sent.ToOwner, e => e.Subject == "አንድ ሰው በኢሜይል አድራሻዎ ለመመዝገብ ሞክሯል");
        Assert.Contains("ሰላም አበበ ከበደ፣", warning.Text); // addressed to the owner, not to whoever tried
    }

    [Fact]
    public async Task The_taken_address_warning_links_to_sign_in_and_to_nothing_that_acts_on_the_account()
    {
        var warning = Assert.Single((await SentAsync()).ToOwner, e => e.Subject == "አንድ ሰው በኢሜይል አድራሻዎ ለመመዝገብ ሞክሯል");
        Assert.Contains("ይግቡ: https://shop.addispay.test/sign-in", warning.Text);
        Assert.DoesNotContain("token=", warning.Text);
    }

    [Fact]
    public async Task The_taken_address_warning_does_not_name_whoever_tried()
    {
        var warning = Assert.Single((await SentAsync()).ToOwner, e => e.Subject == "አንድ ሰው በኢሜይል አድራሻዎ ለመመዝገብ ሞክሯል");
        Assert.DoesNotContain("Someone Else", warning.Text);
    }

    [Fact]
    public async Task Account_emails_never_go_by_sms_even_to_a_customer_with_a_phone()
    {
        var sent = await SentAsync();
        Assert.Empty(platform.Sms.To(sent.English.Phone!));
        Assert.Empty(platform.Sms.To(sent.Owner.Phone!));
    }
}
