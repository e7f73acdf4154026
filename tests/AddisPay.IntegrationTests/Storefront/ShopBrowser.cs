using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// One headless Chromium (the machine's, /usr/bin/chromium: scripts/ensure-chromium.sh installs it) for the storefront's
/// tests; each test opens its own context, as a new shopper on a phone.
/// </summary>
public sealed class ShopBrowser : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A 360x780 phone, as most of the shop's customers browse.</summary>
    public Task<IBrowserContext> PhoneAsync(Uri baseAddress, bool javaScript = true) => Browser.NewContextAsync(new()
    {
        BaseURL = baseAddress.ToString().TrimEnd('/'),
        ViewportSize = new() { Width = 360, Height = 780 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        JavaScriptEnabled = javaScript
    });
}

[CollectionDefinition(nameof(ShopBrowser))]
public sealed class ShopBrowserCollection : ICollectionFixture<ShopBrowser>;

/// <summary>What every page of a journey must pass: a screenshot for people to look at, axe, and no sideways scrolling.</summary>
public static class PageChecks
{
    public static async Task PassAsync(IPage page, string journey, string step, bool javaScript = true)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "storefront-screenshots", journey);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, step + ".png"), FullPage = true });
        // axe runs as a script (its promises wait on timers, which never fire with JavaScript off): a page without
        // JavaScript is the same server-rendered markup the JavaScript journeys check.
        if (!javaScript) return;

        var axe = await page.RunAxe();
        var severe = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, $"{journey}/{step}: axe found " + string.Join("; ", severe.Select(v =>
            $"{v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{journey}/{step}: the page scrolls sideways on a 360 px wide phone");
    }
}
