using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// A signed-in shopper keeps an address book: an address saved (the default, being the first); a second one refused for its
/// phone (the message beside the field, what was typed kept), then saved and made the default with its button; the first
/// edited and made the default again; the second deleted after the page asks (kept once by answering no). Another id in the address is a page that does not exist. Checkout then offers the default first.
/// </summary>
public static class AddressBookJourney
{
    public static async Task KeepAddressesAsync(IBrowserContext context, string journey, bool amharic)
    {
        string T(string en, string am) => amharic ? am : en;
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        var saved = page.Locator(".saved-address");

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = T("Your addresses", "አድራሻዎችዎ") }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(T("Your addresses", "አድራሻዎችዎ"));
        await Expect(saved).ToHaveCountAsync(0);

        await FillAsync(page, amharic, T("Home", "ቤት"), "0911 22 33 44", "Addis Ababa", "Addis Ababa", "Bole, near Edna Mall, house 12");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Save the address", "አድራሻውን አስቀምጥ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("The address is saved.", "አድራሻው ተቀምጧል።"));
        await Expect(saved).ToHaveCountAsync(1);
        await Expect(saved.Locator(".default-address")).ToHaveCountAsync(1); // the first address is the default
        await Expect(saved).ToContainTextAsync("+251911223344");

        await FillAsync(page, amharic, T("Office", "ቢሮ"), "12345", "Oromia", "Adama", "Kebele 04, the blue gate");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Save the address", "አድራሻውን አስቀምጥ") }).ClickAsync();
        await Expect(page.Locator("#phone-error")).ToHaveTextAsync(T("Enter an Ethiopian phone number, such as +251911234567.", "እንደ +251911234567 ያለ የኢትዮጵያ ስልክ ቁጥር ያስገቡ።"));
        await Expect(page.GetByLabel(T("Phone (+251…)", "ስልክ (+251…)"))).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel(T("City or town", "ከተማ"), new() { Exact = true })).ToHaveValueAsync("Adama");
        await PageChecks.PassAsync(page, journey, "b1-address-refused");
        await page.GetByLabel(T("Phone (+251…)", "ስልክ (+251…)")).FillAsync("0922 33 44 55");
        await page.GetByRole(AriaRole.Button, new() { Name = T("Save the address", "አድራሻውን አስቀምጥ") }).ClickAsync();
        await Expect(saved).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Button, new() { Name = T("Make default Office", "ዋና አድርግ ቢሮ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("That is now your default address.", "ያ አሁን ዋና አድራሻዎ ነው።"));
        await Expect(saved.First.GetByRole(AriaRole.Heading)).ToHaveTextAsync(T("Office", "ቢሮ")); // the default first
        await Expect(saved.First.Locator(".default-address")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Link, new() { Name = T("Edit Home", "አስተካክል ቤት") }).ClickAsync();
        await Expect(page.GetByLabel(T("Name for this address (e.g. Home, Office)", "የዚህ አድራሻ ስም (ለምሳሌ ቤት፣ ቢሮ)"))).ToHaveValueAsync(T("Home", "ቤት"));
        await page.GetByLabel(T("City or town", "ከተማ"), new() { Exact = true }).FillAsync("Addis Ababa (Bole)");
        await page.GetByLabel(T("Make this my default address", "ይህን ዋና አድራሻዬ አድርግ")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = T("Save the address", "አድራሻውን አስቀምጥ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Your changes are saved.", "ለውጦችዎ ተቀምጠዋል።"));
        await Expect(saved.First.GetByRole(AriaRole.Heading)).ToHaveTextAsync(T("Home", "ቤት"));
        await Expect(saved.First).ToContainTextAsync("Addis Ababa (Bole)");

        // Deleting asks first: "No" keeps the address, "Yes" deletes it.
        await page.GetByRole(AriaRole.Button, new() { Name = T("Delete Office", "ሰርዝ ቢሮ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("Delete the address “Office”? It cannot be brought back.", "“ቢሮ” የሚለውን አድራሻ ይሰርዙ? ከተሰረዘ በኋላ አይመለስም።"));
        await PageChecks.PassAsync(page, journey, "b2-delete-asked");
        await page.GetByRole(AriaRole.Link, new() { Name = T("No, keep it", "አይ፣ ይቆይ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await Expect(saved).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = T("Delete Office", "ሰርዝ ቢሮ") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = T("Yes, delete it", "አዎ፣ ይሰረዝ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(T("The address is deleted.", "አድራሻው ተሰርዟል።"));
        await Expect(saved).ToHaveCountAsync(1);

        // No address but the shopper's own opens: any other id is a page that does not exist.
        var other = await page.GotoAsync("/account/addresses?edit=" + Guid.NewGuid());
        Assert.Equal(404, other!.Status);
        await page.CloseAsync();
    }

    private static async Task FillAsync(IPage page, bool amharic, string label, string phone, string region, string city, string details)
    {
        string T(string en, string am) => amharic ? am : en;
        await page.GetByLabel(T("Name for this address (e.g. Home, Office)", "የዚህ አድራሻ ስም (ለምሳሌ ቤት፣ ቢሮ)")).FillAsync(label);
        await page.GetByLabel(T("Recipient's full name", "የተቀባዩ ሙሉ ስም")).FillAsync("Selam Tesfaye");
        await page.GetByLabel(T("Phone (+251…)", "ስልክ (+251…)")).FillAsync(phone);
        await page.GetByLabel(T("Region", "ክልል")).SelectOptionAsync(region);
        await page.GetByLabel(T("City or town", "ከተማ"), new() { Exact = true }).FillAsync(city);
        await page.GetByLabel(T("House number, street, landmark", "የቤት ቁጥር፣ መንገድ፣ መለያ ምልክት")).FillAsync(details);
    }
}
