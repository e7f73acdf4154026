using AddisPay.IntegrationTests.Storefront;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// An admin runs a promotional campaign in the browser: composes it in English and Amharic, reads the preview of the mail
/// (text and HTML) in both languages, sends it now; a customer who opted in to offers (and reads Amharic) receives it in
/// Amharic, and the campaign's results say it was sent. The one-process and the split shop share one mailbox: the mail is
/// found by a subject made for this run. axe passes on the list and the campaign page (in Amharic too, when
/// <paramref name="axeInAmharic"/>).
/// </summary>
public static class CampaignAdminJourney
{
    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, Uri backOffice, string journey, bool axeInAmharic)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var subject = $"Coffee week {token}";
        var subjectAm = $"የቡና ሳምንት {token}";
        var customer = await OptedInCustomerAsync(shop);

        var (adminContext, page, h1) = await StaffBrowser.SignInAsAdminAsync(browser, backOffice, "/admin/campaigns", "Campaigns");
        await using var context = adminContext;
        await PageChecks.PassAsync(page, journey, "m1-campaigns", phone: false);
        if (axeInAmharic)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
            await Expect(h1).ToHaveTextAsync("ዘመቻዎች");
            await PageChecks.PassAsync(page, journey, "m1-campaigns-amharic", phone: false);
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Expect(h1).ToHaveTextAsync("Campaigns");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "New campaign" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("New campaign");
        await page.GetByLabel("Subject (English)").FillAsync(subject);
        await page.GetByLabel("Subject (Amharic)").FillAsync(subjectAm);
        await page.GetByLabel("Message (English)").FillAsync("{{ name }}, fresh Guji beans this week.\n\nSee you at AddisPay.");
        await page.GetByLabel("Message (Amharic)").FillAsync("{{ name }}፣ በዚህ ሳምንት ትኩስ የጉጂ ቡና።\n\nበAddisPay እንገናኝ።");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a draft" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Campaign: {subject}");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Campaign saved as a draft. Nothing is sent until you schedule it.");
        var status = page.Locator("dd[data-status]");
        await Expect(status).ToHaveTextAsync("draft");
        var campaignId = new Uri(page.Url).AbsolutePath.Split('/')[^1];

        // The preview: the mail in both languages from the dispatcher's template, with a sample customer's name.
        await Expect(page.Locator("[data-preview='en'] [data-preview-subject]")).ToHaveTextAsync(subject);
        await Expect(page.Locator("[data-preview='en'] pre")).ToContainTextAsync("Abebe Kebede, fresh Guji beans this week.");
        await Expect(page.Locator("[data-preview='am'] [data-preview-subject]")).ToHaveTextAsync(subjectAm);
        await Expect(page.Locator("[data-preview='am'] pre")).ToContainTextAsync("በዚህ ሳምንት ትኩስ የጉጂ ቡና።");
        // The HTML version too, in a frame sandboxed with no permission at all (no scripts).
        await Expect(page.Locator("[data-preview='en'] iframe[data-preview-html]")).ToHaveAttributeAsync("sandbox", "");
        await Expect(page.FrameLocator("[data-preview='en'] iframe[data-preview-html]").Locator("body")).ToContainTextAsync("Abebe Kebede, fresh Guji beans this week.");
        await Expect(page.FrameLocator("[data-preview='am'] iframe[data-preview-html]").Locator("body")).ToContainTextAsync("በዚህ ሳምንት ትኩስ የጉጂ ቡና።");
        await PageChecks.PassAsync(page, journey, "m2-campaign-draft", phone: false);
        if (axeInAmharic)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
            await Expect(h1).ToHaveTextAsync($"ዘመቻ፦ {subjectAm}");
            await PageChecks.PassAsync(page, journey, "m3-campaign-amharic", phone: false);
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Expect(h1).ToHaveTextAsync($"Campaign: {subject}");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Campaign on its way: it goes out now.");

        // The customer reads Amharic: the Amharic subject and text, with their name.
        var mail = await Eventually.Until(() => shop.Mail.MessagesToAsync(customer.Email), m => m.Any(e => e.Subject == subjectAm),
            "the campaign's e-mail to reach the opted-in customer", TimeSpan.FromSeconds(90));
        var received = Assert.Single(mail, e => e.Subject == subjectAm);
        Assert.Contains($"{customer.Name}፣ በዚህ ሳምንት ትኩስ የጉጂ ቡና።", received.Text);
        Assert.DoesNotContain(mail, e => e.Subject == subject);

        // The results: its messages sent, the campaign finished.
        await Eventually.Until(async () =>
        {
            await page.GotoAsync($"/admin/campaigns/{campaignId}");
            return await page.Locator("dd[data-result='finished']").InnerTextAsync();
        }, finished => finished != "not yet", "the campaign's results to show it finished", TimeSpan.FromSeconds(90));
        await Expect(status).ToHaveTextAsync("sent to the delivery log");
        Assert.True(int.Parse(await page.Locator("dd[data-result='sent']").InnerTextAsync()) >= 1);
        Assert.Equal("0", await page.Locator("dd[data-result='dead']").InnerTextAsync());
        await page.GotoAsync("/admin/campaigns");
        Assert.True(int.Parse(await page.Locator($"tr[data-campaign='{campaignId}'] td[data-sent]").InnerTextAsync()) >= 1);

        await page.GotoAsync("/admin/audit?action=campaign.scheduled");
        await Expect(page.Locator("table.audit tbody tr").Filter(new() { HasText = "campaign:" + campaignId })).ToHaveCountAsync(1);
    }

    /// <summary>A verified customer who reads Amharic and opted in to offers, made through Users' API as the shop's customers are.</summary>
    public static async Task<(string Email, string Name)> OptedInCustomerAsync(StorefrontShop shop)
    {
        using var users = shop.Api("users");
        var accounts = new Accounts(users, "");
        var email = $"offers-{Guid.NewGuid():N}@example.et";
        const string name = "ሰላማዊት ታደሰ";
        await accounts.RegisterAsync(email, fullName: name, phone: null);
        var session = await accounts.SignInAsync(email);
        using var profile = await users.SendAsync(Shop.Request(HttpMethod.Put, "/api/users/me",
            new { fullName = name, phone = (string?)null, preferredLanguage = "am", notifyOrderUpdates = true, notifyPromotions = true }, session.AccessToken));
        await Shop.Expect(profile, HttpStatusCode.OK);
        return (email, name);
    }

    /// <summary>A draft made through Notifications' API (as an admin's script would), for the role tests' addresses.</summary>
    public static async Task<Guid> DraftAsync(StorefrontShop shop)
    {
        using var notifications = shop.Api("notifications");
        var request = Shop.Request(HttpMethod.Post, "/api/notifications/campaigns/drafts",
            new { subject = "Role check", subjectAm = "የሚና ፍተሻ", body = "Not for sending.", bodyAm = "ለመላክ አይደለም።" }, Tokens.Admin());
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var made = await notifications.SendAsync(request);
        await Shop.Expect(made, HttpStatusCode.Created);
        return (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
