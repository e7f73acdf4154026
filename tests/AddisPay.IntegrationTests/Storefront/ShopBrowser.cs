using Microsoft.Playwright;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// One headless Chromium (the machine's headless shell, /usr/bin/chromium-headless-shell: scripts/ensure-chromium.sh
/// installs it) for the storefront's tests; each test opens its own context, as a new shopper on a phone.
/// </summary>
public sealed class ShopBrowser : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Assertions wait up to 15 s (Playwright's default is 5): on a CI machine running three test lanes, a cold
        // module process can take longer than 5 s to answer its first request across processes.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium-headless-shell", Headless = true });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A 360x780 phone, as most of the shop's customers browse.</summary>
    public async Task<IBrowserContext> PhoneAsync(Uri baseAddress, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString().TrimEnd('/'),
            ViewportSize = new() { Width = 360, Height = 780 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            JavaScriptEnabled = javaScript
        });
        // Navigations and actions wait up to 60 s (Playwright's default is 30): a CI run with three lanes once took longer
        // than 30 s to load a filtered category page whose first request crossed into a cold process.
        context.SetDefaultNavigationTimeout(60_000);
        context.SetDefaultTimeout(60_000);
        return context;
    }
}

// One browser per topology, so the in-process and the split journeys run in parallel lanes (tests/AddisPay.IntegrationTests/README.md, "Fixtures").
// The one-process shop is the collection's too: every page class of Storefront/ and BackOffice/ runs on it, one start.
[CollectionDefinition(nameof(ShopBrowser))]
public sealed class ShopBrowserCollection : ICollectionFixture<ShopBrowser>, ICollectionFixture<AllInOneShop>;

[CollectionDefinition(SplitShopBrowser)]
public sealed class SplitShopBrowserCollection : ICollectionFixture<ShopBrowser>
{
    public const string SplitShopBrowser = "SplitShopBrowser";
}

/// <summary>What every page of a journey must pass: axe, and no sideways scrolling; and a screenshot for people to look at when asked for.</summary>
public static class PageChecks
{
    /// <summary>
    /// ADDISPAY_SCREENSHOTS=1 keeps a full-page screenshot of every step (bin/.../storefront-screenshots/&lt;journey&gt;). Off by
    /// default: no test looks at them and no CI keeps them, and the ~100 of a run cost the browser's lanes CPU.
    /// </summary>
    private static readonly bool Screenshots = Environment.GetEnvironmentVariable("ADDISPAY_SCREENSHOTS") == "1";

    private static readonly AsyncLocal<bool> AxeRanInOneProcess = new();

    /// <summary>
    /// For a split journey whose pages, in the same language, the one-process journey passes through axe: the markup is the
    /// same Razor output in both topologies, so within the scope the steps check only the phone width; the journey checks
    /// what crosses processes. Call it in an async test method: the async local ends with it.
    /// </summary>
    public static void SkipAxeAsCheckedInOneProcess() => AxeRanInOneProcess.Value = true;

    /// <param name="phone">The page is for phones too (the shop's): it must not scroll sideways at 360 px. The back office is for desks.</param>
    public static async Task PassAsync(IPage page, string journey, string step, bool javaScript = true, bool phone = true)
    {
        var stepLog = Environment.GetEnvironmentVariable("ADDISPAY_STEP_LOG");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try { await PassCoreAsync(page, journey, step, javaScript, phone); }
        finally
        {
            if (stepLog is not null)
                File.AppendAllText(stepLog, $"{DateTime.UtcNow:HH:mm:ss.fff}\t{journey}\t{step}\t{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0}\n");
        }
    }

    private static async Task PassCoreAsync(IPage page, string journey, string step, bool javaScript, bool phone)
    {
        if (Screenshots)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "storefront-screenshots", journey);
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, step + ".png"), FullPage = true });
        }
        // axe runs as a script (its promises wait on timers, which never fire with JavaScript off): a page without
        // JavaScript is the same server-rendered markup the JavaScript journeys check.
        if (!javaScript) return;

        if (!AxeRanInOneProcess.Value)
        {
            var severe = (await Axe.ViolationsAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(severe.Count == 0, $"{journey}/{step}: axe found " + string.Join("; ", severe.Select(v =>
                $"{v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes)}")));
        }

        Assert.True(!phone || await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{journey}/{step}: the page scrolls sideways on a 360 px wide phone");
    }
}

/// <summary>
/// axe-core (the copy Deque.AxeCore bundles) run in the page with every default rule, answering its violations only.
/// Deque's RunAxe runs axe frame by frame and finishes the run in a second page it opens: ~1.8 s a page on a quiet machine
/// against ~0.3 s for this (and 5–9 s against ~1 s with the suite's lanes busy), on pages that have no frames.
/// </summary>
public static class Axe
{
    private static readonly string Source = new Deque.AxeCore.Commons.BundledAxeScriptProvider().GetScript();

    public sealed record Violation(string Id, string? Impact, string Help, string[] Nodes);

    public static async Task<Violation[]> ViolationsAsync(IPage page)
    {
        // Frames would go unchecked by an in-page run; the one kind allowed holds an e-mail's own HTML (a campaign's preview,
        // sandboxed, no script): the mail is not a page of ours, its frame element (title) is still checked.
        Assert.Empty(await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('iframe, frame')].filter(f => !f.matches('iframe[data-preview-html][sandbox=\"\"]')).map(f => f.outerHTML)"));
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(Source);
        // Only the rules that can report a serious or critical violation (by axe's own metadata: the rule's impact or one
        // of its checks'), the only ones the journeys fail on: the 28 others (region, landmarks, heading order…) took
        // about 40 % of each run (docs/benchmarks.md, "Where the browser journeys' time goes").
        var json = await page.EvaluateAsync<string>("""
            () => {
              const severe = impact => impact === 'serious' || impact === 'critical';
              const rules = axe._audit.rules.filter(r => r.enabled !== false && (severe(r.impact) ||
                [...r.any, ...r.all, ...r.none].some(c => { const check = axe._audit.checks[typeof c === 'string' ? c : c.id]; return check && severe(check.impact || (check.metadata || {}).impact); })))
                .map(r => r.id);
              return axe.run(document, { resultTypes: ['violations'], iframes: false, runOnly: { type: 'rule', values: rules } }).then(r => JSON.stringify(r.violations.map(v =>
                ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.html) }))));
            }
            """);
        return System.Text.Json.JsonSerializer.Deserialize<Violation[]>(json, System.Text.Json.JsonSerializerOptions.Web)!;
    }
}
