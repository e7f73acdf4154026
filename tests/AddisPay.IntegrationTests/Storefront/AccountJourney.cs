using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Cookie = Microsoft.Playwright.Cookie;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// A visitor fills a cart, registers, confirms the address through the link in the email the real SMTP server received,
/// signs in (a wrong password first), finds the cart kept, sees the account, and signs out; a copy of the signed-out
/// cookie is refused. In English or Amharic, on a phone.
/// </summary>
public static partial class AccountJourney
{
    public const string Password = "Injera-and-Coffee-42";

    /// <summary>
    /// Runs the journey and returns its browser context; <paramref name="whileSignedIn"/> (a checkout, a second storefront)
    /// runs just before signing out.
    /// </summary>
    public static async Task<(IBrowserContext Context, string Email)> RunAsync(ShopBrowser browser, StorefrontShop shop, string journey, bool amharic,
        Func<IBrowserContext, string, Task>? whileSignedIn = null)
    {
        var context = await browser.PhoneAsync(shop.Address);
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var email = $"{journey}-{Guid.NewGuid():N}@shoppers.test";
        string T(string en, string am) => amharic ? am : en;

        await page.GotoAsync("/");
        if (amharic) await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
        await page.GotoAsync("/p/yirgacheffe-coffee-beans");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Add to cart", "ወደ ጋሪ ጨምር") }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = T("Sign in", "ይግቡ"), Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(T("Sign in", "ይግቡ"));
        await page.GetByRole(AriaRole.Link, new() { Name = T("Create an account", "መለያ ይፍጠሩ") }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(T("Create an account", "መለያ ይፍጠሩ"));
        await page.GetByLabel(T("Full name", "ሙሉ ስም")).FillAsync("Selam Tesfaye");
        await page.GetByLabel(T("Email address", "የኢሜይል አድራሻ")).FillAsync(email);
        await page.GetByLabel(T("Password", "የይለፍ ቃል"), new() { Exact = true }).FillAsync("aaaaaaaaaaaa");
        await page.GetByLabel(T("Phone (optional, +251…)", "ስልክ (አማራጭ፣ +251…)")).FillAsync("0911234567");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Create account", "መለያ ፍጠር") }).ClickAsync();
        // Long enough for the browser, refused by Users' password rules (one letter repeated): the message sits by the field, the other fields keep what was typed.
        await Expect(page.Locator("#password-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel(T("Password", "የይለፍ ቃል"), new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel(T("Email address", "የኢሜይል አድራሻ"))).ToHaveValueAsync(email);
        await PageChecks.PassAsync(page, journey, "a1-register-refused");

        await page.GetByLabel(T("Password", "የይለፍ ቃል"), new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = T("Create account", "መለያ ፍጠር") }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync(email);
        await PageChecks.PassAsync(page, journey, "a2-registered");

        var link = await VerificationLinkAsync(shop, email);
        Assert.StartsWith(shop.Address.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));
        await page.GotoAsync(link.PathAndQuery);
        await Expect(h1).ToHaveTextAsync(T("Confirm your email address", "የኢሜይል አድራሻዎን ያረጋግጡ"));
        await PageChecks.PassAsync(page, journey, "a3-verify");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Confirm my email address", "ኢሜይሌን አረጋግጥ") }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToHaveTextAsync(T("Thank you: your email address is confirmed.", "እናመሰግናለን፦ የኢሜይል አድራሻዎ ተረጋግጧል።"));
        await page.GetByRole(AriaRole.Link, new() { Name = T("Sign in to continue shopping", "ግብይት ለመቀጠል ይግቡ") }).ClickAsync();

        await page.GetByLabel(T("Email address", "የኢሜይል አድራሻ")).FillAsync(email);
        await page.GetByLabel(T("Password", "የይለፍ ቃል")).FillAsync(Password + "-wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Sign in", "ግባ"), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(T("The email address or password is wrong.", "የኢሜይል አድራሻው ወይም የይለፍ ቃሉ ትክክል አይደለም።"));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "addispay-session");
        await PageChecks.PassAsync(page, journey, "a4-sign-in-refused");

        await page.GetByLabel(T("Password", "የይለፍ ቃል")).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = T("Sign in", "ግባ"), Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = T("Your account", "የእርስዎ መለያ") })).ToBeVisibleAsync();
        var session = (await context.CookiesAsync()).Single(c => c.Name == "addispay-session");
        Assert.True(session.HttpOnly, "the session cookie is out of scripts' reach");
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.True(session.Secure, "outside Development the session cookie is sent only over HTTPS (and to loopback)");

        // The visitor's cart became the customer's.
        await page.GotoAsync("/cart");
        await Expect(page.Locator(".cart-line")).ToHaveCountAsync(1);
        await PageChecks.PassAsync(page, journey, "a5-cart-signed-in");

        await page.GetByRole(AriaRole.Link, new() { Name = T("Your account", "የእርስዎ መለያ") }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(T("Your account", "የእርስዎ መለያ"));
        await Expect(page.Locator("main")).ToContainTextAsync(email);
        await PageChecks.PassAsync(page, journey, "a6-account");
        await HomeStreamsForYouAsync(context, page, shop, T);
        if (whileSignedIn is not null) await whileSignedIn(context, email);

        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = T("Sign out", "ውጣ") }).ClickAsync();
        await Expect(page.Locator("[role=status]")).ToHaveTextAsync(T("You are signed out.", "ወጥተዋል።"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = T("Sign in", "ይግቡ"), Exact = true })).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "addispay-session");

        // A copy of the cookie taken before signing out (a stolen one) is refused once Users has ended the session.
        await context.AddCookiesAsync([new Cookie { Name = session.Name, Value = session.Value, Domain = session.Domain, Path = session.Path, Secure = true, HttpOnly = true }]);
        await Eventually.Until(async () =>
        {
            await page.GotoAsync("/account");
            return page.Url;
        }, url => url.Contains("/account/sign-in?returnUrl=%2Faccount"), "the signed-out session refused");
        await context.CloseAsync();
        return (context, email);
    }

    /// <summary>
    /// The home page reached by enhanced navigation streams "for you" (the shopper's own recommendations, not cached for
    /// everyone) after the rest of the page; the same page asked for without blazor.web.js comes whole, with no placeholder.
    /// </summary>
    private static async Task HomeStreamsForYouAsync(IBrowserContext context, IPage page, StorefrontShop shop, Func<string, string, string> T)
    {
        var forYou = page.GetByRole(AriaRole.Region, new() { Name = T("For you", "ለእርስዎ"), Exact = true });
        var home = await page.RunAndWaitForRequestAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "AddisPay", Exact = true }).ClickAsync(),
            r => r.Method == "GET" && new Uri(r.Url).AbsolutePath == "/");
        var enhanced = (await home.AllHeadersAsync())["accept"];
        Assert.Contains("blazor-enhanced-nav=on", enhanced);
        await Expect(forYou).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(forYou.Locator(".loading")).ToHaveCountAsync(0);
        await Expect(forYou.Locator(".product-grid").Or(forYou.GetByText(T("Browse the shop and we will suggest products for you here.",
            "መደብሩን ይጎብኙ፣ ለእርስዎ የሚሆኑ ምርቶችን እዚህ እንጠቁማለን።")))).ToBeVisibleAsync();

        // What the server sent (the browser keeps no body of a fetch blazor.web.js streamed): for the same request, the
        // placeholder first and the list streamed after it; for a request without blazor.web.js, the page whole.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = shop.Address };
        var cookies = string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        async Task<string> HomeAsync(string? accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", cookies);
            if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }
        // Whether the list beats the first flush is a race (Blazor sends the placeholder only if the list is still pending
        // when the page's own data is in; a fast query on an idle core can win it), so a few requests get one chance each.
        var streamed = "";
        for (var attempt = 0; attempt < 8 && !streamed.Contains("aria-busy=\"true\""); attempt++)
            streamed = await HomeAsync(enhanced);
        Assert.Contains("aria-busy=\"true\"", streamed);
        Assert.Contains("<blazor-ssr>", streamed);
        Assert.Contains("aria-busy=\"false\"", streamed[streamed.IndexOf("<blazor-ssr>", StringComparison.Ordinal)..]);
        var whole = await HomeAsync(null);
        Assert.Contains("aria-busy=\"false\"", whole);
        Assert.DoesNotContain("<blazor-ssr>", whole);
    }

    private static async Task<Uri> VerificationLinkAsync(StorefrontShop shop, string email)
    {
        var mails = await Eventually.Until(() => shop.Mail.MessagesToAsync(email), m => m.Count >= 1, $"the verification email to {email}");
        var match = VerifyLink().Match(mails[0].Text);
        Assert.True(match.Success, "the email carries the verification link:\n" + mails[0].Text);
        return new Uri(match.Value);
    }

    [GeneratedRegex(@"https?://\S+/verify-email\?token=[^\s""<>]+")]
    private static partial Regex VerifyLink();
}
