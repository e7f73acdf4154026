using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// The account pages after registering: a forgotten password reset through the link in the email the real SMTP server
/// received, then (signed in) the profile switched to Amharic, the password page, the data export download and the
/// account's deletion, after which the old password no longer signs in.
/// </summary>
public static partial class AccountPagesJourney
{
    private const string NewPassword = "Teff-and-Berbere-57";

    /// <summary>Registers, resets the forgotten password and signs in with the new one; returns the signed-in page.</summary>
    public static async Task<(IBrowserContext Context, IPage Page, string Email)> ResetForgottenPasswordAsync(ShopBrowser browser, StorefrontShop shop, string journey)
    {
        var context = await browser.PhoneAsync(shop.Address);
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var email = $"{journey}-{Guid.NewGuid():N}@shoppers.test";

        await page.GotoAsync("/account/register");
        await page.GetByLabel("Full name").FillAsync("Hanna Girma");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(AccountJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // The storefront's first call to Users (password hashing included): a cold process on a loaded machine takes longer than 5 s.
        await Expect(page.Locator(".confirmation")).ToContainTextAsync(email, new() { Timeout = 30_000 });

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Reset your password");
        await PageChecks.PassAsync(page, journey, "p1-forgot-password");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync(email);

        var link = await ResetLinkAsync(shop, email);
        Assert.StartsWith(shop.Address.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        await page.GotoAsync(link.PathAndQuery);
        await Expect(h1).ToHaveTextAsync("Choose a new password");
        // Long enough for the browser, refused by Users' password rules: the message sits by the field.
        await page.GetByLabel("New password").FillAsync("bbbbbbbbbbbb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Expect(page.Locator("#new-password-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("New password")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.PassAsync(page, journey, "p2-reset-password-refused");
        await page.GetByLabel("New password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("Your password is changed");

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Your account" })).ToBeVisibleAsync();
        return (context, page, email);
    }

    /// <summary>Signed in: profile to Amharic, the password page, the data export, then deletion.</summary>
    public static async Task ManageProfileExportAndDeleteAsync(IBrowserContext context, IPage page, string email, string journey)
    {
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Your profile" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Your profile");
        await Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Hanna Girma");
        await PageChecks.PassAsync(page, journey, "p3-profile");

        await page.GetByLabel("Phone (optional, +251…)").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Expect(page.Locator("#phone-error")).ToHaveTextAsync("Enter an Ethiopian phone number, such as +251911234567.");
        await page.GetByLabel("Phone (optional, +251…)").FillAsync("0911234567");
        await page.GetByLabel("Preferred language (pages and emails)").SelectOptionAsync("am");
        await page.GetByLabel("Offers and news").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        // Saved in Users and remembered by the shop: the pages are in Amharic from now on.
        await Expect(page.Locator(".confirmation")).ToHaveTextAsync("መገለጫዎ ተቀምጧል።");
        await Expect(h1).ToHaveTextAsync("የእርስዎ መገለጫ");
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "addispay-lang" && c.Value == "am");
        await Expect(page.GetByLabel("ስልክ (አማራጭ፣ +251…)")).ToHaveValueAsync("+251911234567");
        await Expect(page.GetByLabel("ቅናሾችና ዜናዎች")).ToBeCheckedAsync();
        await PageChecks.PassAsync(page, journey, "p4-profile-amharic");

        // The profile's language follows the customer to another browser: without the shop's language cookie the pages are
        // English until sign-in, then Amharic.
        await context.ClearCookiesAsync(new() { Name = "addispay-lang" });
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "የእርስዎ መለያ" })).ToBeVisibleAsync();
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "addispay-lang" && c.Value == "am");

        // And the switch, used while signed in, changes the profile's language (back to Amharic afterwards).
        await page.GotoAsync("/account/profile");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Your profile");
        await Expect(page.GetByLabel("Preferred language (pages and emails)")).ToHaveValueAsync("en");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
        await Expect(page.GetByLabel("የሚመርጡት ቋንቋ (ገጾችና ኢሜይሎች)")).ToHaveValueAsync("am");

        await page.GotoAsync("/account/password");
        await page.GetByLabel("የአሁኑ የይለፍ ቃል").FillAsync("not-my-password-1");
        await page.GetByLabel("አዲስ የይለፍ ቃል").FillAsync(AccountJourney.Password + "-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "የይለፍ ቃል ቀይር" }).ClickAsync();
        await Expect(page.Locator("#current-password-error")).ToHaveTextAsync("የአሁኑ የይለፍ ቃል ትክክል አይደለም።");
        await PageChecks.PassAsync(page, journey, "p5-password-refused");

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "የእርስዎ መረጃና ግላዊነት" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("የእርስዎ መረጃና ግላዊነት");
        await PageChecks.PassAsync(page, journey, "p6-privacy");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "መረጃዬን አውርድ (JSON)" }).ClickAsync());
        Assert.Equal("addispay-my-data.json", download.SuggestedFilename);
        using (var export = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())))
        {
            var profile = export.RootElement.GetProperty("profile");
            Assert.Equal(email, profile.GetProperty("email").GetString());
            Assert.True(profile.GetProperty("notifyPromotions").GetBoolean());
        }

        await page.GetByLabel("ለማረጋገጥ የይለፍ ቃልዎ").FillAsync(AccountJourney.Password); // the password before the reset
        await page.GetByRole(AriaRole.Button, new() { Name = "መለያዬን ሰርዝ" }).ClickAsync();
        await Expect(page.Locator("#delete-password-error")).ToHaveTextAsync("የይለፍ ቃሉ ትክክል አይደለም።");
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "addispay-session");
        await page.GetByLabel("ለማረጋገጥ የይለፍ ቃልዎ").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "መለያዬን ሰርዝ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("መለያዎ ተሰርዟል፤ ወጥተዋል።");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "addispay-session");

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("የኢሜይል አድራሻ").FillAsync(email);
        await page.GetByLabel("የይለፍ ቃል").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "ግባ", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("የኢሜይል አድራሻው ወይም የይለፍ ቃሉ ትክክል አይደለም።");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "addispay-session");
    }

    /// <summary>
    /// Signed in as <paramref name="email"/> in <paramref name="context"/>, reading Amharic: the header's language switch,
    /// to English and back, changes the language the profile keeps in Users (the profile page reads it from there), and a
    /// sign-in from another browser, which has no language cookie, opens on Amharic pages.
    /// </summary>
    public static async Task SwitchLanguageKeptByTheProfileAsync(ShopBrowser browser, StorefrontShop shop, IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await page.GotoAsync("/account/profile");
        await Expect(h1).ToHaveTextAsync("የእርስዎ መገለጫ");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Your profile");
        await Expect(page.GetByLabel("Preferred language (pages and emails)")).ToHaveValueAsync("en");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("የእርስዎ መገለጫ");
        await Expect(page.GetByLabel("የሚመርጡት ቋንቋ (ገጾችና ኢሜይሎች)")).ToHaveValueAsync("am");
        await page.CloseAsync();

        await using var otherBrowser = await browser.PhoneAsync(shop.Address);
        var other = await otherBrowser.NewPageAsync();
        await other.GotoAsync("/account/sign-in");
        await Expect(other.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await other.GetByLabel("Email address").FillAsync(email);
        await other.GetByLabel("Password").FillAsync(AccountJourney.Password);
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "የእርስዎ መለያ" })).ToBeVisibleAsync();
        Assert.Contains(await otherBrowser.CookiesAsync(), c => c.Name == "addispay-lang" && c.Value == "am");
    }

    private static async Task<Uri> ResetLinkAsync(StorefrontShop shop, string email)
    {
        var mails = await Eventually.Until(async () => (await shop.Mail.MessagesToAsync(email)).Where(m => ResetLink().IsMatch(m.Text)).ToList(),
            m => m.Count >= 1, $"the password reset email to {email}");
        return new Uri(ResetLink().Match(mails[0].Text).Value);
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?token=[^\s""<>]+")]
    private static partial Regex ResetLink();
}
