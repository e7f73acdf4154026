using AddisPay.IntegrationTests.Storefront;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>How every admin journey starts: a desk-sized browser context on the back office, signed in as the demo admin.</summary>
public static class StaffBrowser
{
    /// <summary>
    /// Opens <paramref name="start"/> (a visitor lands on the staff sign-in first and is sent back after it), signs in, and
    /// returns once the page's heading is <paramref name="landing"/>. The caller disposes the context.
    /// </summary>
    public static async Task<(IBrowserContext Context, IPage Page, ILocator Heading)> SignInAsAdminAsync(ShopBrowser browser, Uri backOffice,
        string start, string landing)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = backOffice.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultNavigationTimeout(60_000);
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await page.GotoAsync(start);
        await Expect(h1).ToHaveTextAsync("Staff sign-in");
        await page.GetByLabel("E-mail address").FillAsync(BackOfficeOrders.DemoAdmin);
        await page.GetByLabel("Password").FillAsync(BackOfficeOrders.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // A split shop's first sign-in crosses cold processes (Users hashes the password): it may take the call's 30 s.
        await Expect(h1).ToHaveTextAsync(landing, new() { Timeout = 45_000 });
        return (context, page, h1);
    }
}
