using AddisPay.IntegrationTests.Notifications;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>Host processes serving the storefront over the demo catalogue: one process with every module, or one per module.</summary>
public sealed class StorefrontShop : IAsyncDisposable
{
    private readonly List<HostProcess> _processes = [];

    private StorefrontShop() { }

    /// <summary>Each process migrates its schemas and the demo catalogue is seeded before "ready": slow on a busy machine.</summary>
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(3);

    public Uri Address { get; private set; } = null!;
    public IReadOnlyList<HostProcess> Processes => _processes;

    /// <summary>A client for the API of the process running <paramref name="module"/>, as a test sets up data through it.</summary>
    public HttpClient Api(string module) =>
        (_processes.FirstOrDefault(p => p.Modules.Split(',').Contains(module)) ?? _processes.Single(p => p.Modules == "all")).Client();

    /// <summary>The twelve hand-written demo products only: enough to shop, quick to index.</summary>
    private static readonly Dictionary<string, string> DemoCatalogue = new()
    {
        ["AddisPay__DemoData"] = "true",
        ["AddisPay__Products__DemoProducts"] = "0"
    };

    /// <summary>The real SMTP server the shop's emails go to (verification links, receipts).</summary>
    public Smtp4dev Mail { get; private set; } = null!;

    /// <summary>
    /// What a shop that sends email and takes payments needs: the test SMTP server, links that come back to this storefront,
    /// the sandbox gateway's page where Payments serves it, and gateways that send the customer back to this storefront.
    /// </summary>
    private static Dictionary<string, string> ShopSettings(Smtp4dev mail, int storefrontPort, int? paymentsPort = null) => new(DemoCatalogue)
    {
        ["AddisPay__Payments__PublicBaseUrl"] = $"http://127.0.0.1:{paymentsPort ?? storefrontPort}",
        ["AddisPay__Payments__ReturnOrigins__0"] = $"http://127.0.0.1:{storefrontPort}",
        ["AddisPay__Notifications__StorefrontUrl"] = $"http://127.0.0.1:{storefrontPort}",
        ["AddisPay__Notifications__Email__Host"] = "127.0.0.1",
        ["AddisPay__Notifications__Email__Port"] = mail.SmtpPort.ToString(),
        ["AddisPay__Notifications__Email__Security"] = "None",
        ["AddisPay__Notifications__Email__From"] = "shop@addispay.test",
        ["AddisPay__Notifications__QuietHours__Start"] = "00:00",
        ["AddisPay__Notifications__QuietHours__End"] = "00:00",
        // Orders sweeps unpaid orders past their payment window every second, not every 15: a journey waits for one.
        ["AddisPay__Orders__SweepInterval"] = "00:00:01",
        // The back office's role tests refund just over and at the limit a support agent may give.
        ["AddisPay__BackOffice__SupportRefundLimit"] = SupportRefundLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The journeys test what the pages do, not how fast a cold process answers on a test machine whose two cores the
        // suite keeps busy (load 25-30; a first sign-in across processes took over the 10 s a command gets). The call
        // policy's own timeouts are tested where they are the point (Shared/Messaging/RemoteModuleClientTests).
        ["AddisPay__InternalRequests__AttemptTimeout"] = "00:00:15",
        ["AddisPay__InternalRequests__CommandTimeout"] = "00:00:30",
        ["AddisPay__InternalRequests__TotalTimeout"] = "00:01:00",
    };

    public const decimal SupportRefundLimit = 50m;

    /// <summary>Where the back office's pages are: the process running the back office (the only one, all in one).</summary>
    public Uri BackOffice => (_processes.FirstOrDefault(p => p.Modules == "backoffice") ?? _processes[0]).BaseAddress;

    public static async Task<StorefrontShop> AllInOneAsync(string database)
    {
        var shop = new StorefrontShop { Mail = await Smtp4dev.InstanceAsync() };
        var port = HostProcess.FreePort();
        var host = await HostProcess.StartAsync("all", database, port, ShopSettings(shop.Mail, port), ReadyWithin);
        shop._processes.Add(host);
        shop.Address = host.BaseAddress;
        try
        {
            await shop.WaitForSearchIndexAsync(host);
        }
        catch
        {
            await shop.DisposeAsync();
            throw;
        }
        return shop;
    }

    /// <summary>The modules a shopper's journey reaches; the storefront reaches the others over HTTP.</summary>
    public static readonly string[] SplitModules = ["products", "search", "cart", "users", "notifications", "reviews", "recommendations", "orders", "payments", "storefront", "backoffice"];

    /// <summary>
    /// The processes of the split shop: no module shares a process with a module it sends requests to, or that sends
    /// requests to it (the chart's request graph; <see cref="CallsWithinAProcess"/> checks it, and SplitShopProcessesTests), so every Contracts call a
    /// journey makes crosses processes over HTTP, as in one process per module. Six processes instead of eleven: each idles
    /// at a few percent of a core and costs seconds to start, and the suite's two cores are its budget (docs/benchmarks.md,
    /// "Where the suite's CPU goes"). Starting and killing one module per process is what Topologies/SplitProcessTests and
    /// Orders/SplitCheckoutTests do.
    /// </summary>
    public static readonly string[][] SplitProcesses =
    [
        ["products", "payments", "recommendations"],
        ["search", "reviews", "cart", "notifications"],
        ["users"],
        ["orders"],
        ["storefront"],
        ["backoffice"],
    ];

    /// <summary>Pairs of modules in one process of <paramref name="processes"/> where one sends requests to the other.</summary>
    public static IEnumerable<string> CallsWithinAProcess(IEnumerable<string[]> processes)
    {
        var calls = RequestGraph();
        foreach (var group in processes)
            foreach (var caller in group)
                foreach (var callee in calls.GetValueOrDefault(caller, []).Where(group.Contains))
                    yield return $"{caller} -> {callee}";
    }

    /// <summary>Which modules each module sends requests to, as helm/addispay/values.yaml declares (`modules.*.dependsOn`).</summary>
    public static Dictionary<string, string[]> RequestGraph()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        var values = File.ReadAllLines(Path.Combine(dir!.FullName, "helm", "addispay", "values.yaml"));
        var graph = new Dictionary<string, string[]>();
        string? module = null;
        foreach (var line in values.SkipWhile(l => l != "modules:").Skip(1).TakeWhile(l => l.Length == 0 || l.StartsWith(' ') || l.StartsWith('#')))
        {
            var name = System.Text.RegularExpressions.Regex.Match(line, @"^  (\w+):\s*$");
            if (name.Success) module = name.Groups[1].Value;
            var dependsOn = System.Text.RegularExpressions.Regex.Match(line, @"^    dependsOn:\s*\[(.*)\]");
            if (dependsOn.Success && module is not null)
                graph[module] = dependsOn.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return graph;
    }

    /// <summary>
    /// The modules of <see cref="SplitModules"/> in the processes of <see cref="SplitProcesses"/>, each told where all the
    /// others are (products first: it publishes the demo catalogue the others follow).
    /// </summary>
    public static async Task<StorefrontShop> SplitAsync(string database)
    {
        var crossing = CallsWithinAProcess(SplitProcesses).ToList();
        if (crossing.Count > 0) throw new InvalidOperationException("Modules that call each other share a process: " + string.Join(", ", crossing));
        var shop = new StorefrontShop { Mail = await Smtp4dev.InstanceAsync() };
        var ports = SplitProcesses.ToDictionary(g => string.Join(',', g), _ => HostProcess.FreePort());
        int PortOf(string module) => ports[string.Join(',', SplitProcesses.Single(g => g.Contains(module)))];
        var settings = ShopSettings(shop.Mail, PortOf("storefront"), PortOf("payments"));
        foreach (var module in SplitModules) settings[$"AddisPay__Endpoints__{module}"] = $"http://127.0.0.1:{PortOf(module)}/";
        async Task StartAsync(params string[] modules)
        {
            // Started together, as a release's pods start: each migrates its schemas under one advisory lock, which a start
            // waits for as long as it takes. All are awaited whatever happens, so a failure leaves no process behind.
            var starting = modules.Select(m => HostProcess.StartAsync(m, database, ports[m], settings, ReadyWithin)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                shop._processes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
        }
        try
        {
            // Products first (the others follow its demo catalogue), then the modules behind the pages, then the pages.
            await StartAsync("products,payments,recommendations");
            await StartAsync("search,reviews,cart,notifications", "users", "orders");
            // The pages start while Search indexes the demo catalogue.
            await Task.WhenAll(StartAsync("storefront", "backoffice"),
                shop.WaitForSearchIndexAsync(shop._processes.Single(p => p.Modules.Split(',').Contains("search"))));
            shop.Address = shop._processes.Single(p => p.Modules == "storefront").BaseAddress;
            return shop;
        }
        catch
        {
            // xunit disposes no fixture whose start failed: the processes started so far would outlive the run.
            await shop.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One more storefront process on the same database, reaching the modules where this shop runs them: a second replica
    /// behind the same ingress.
    /// </summary>
    public async Task<HostProcess> AnotherStorefrontAsync(string database)
    {
        var port = HostProcess.FreePort();
        var settings = ShopSettings(Mail, port);
        foreach (var module in SplitModules.Where(m => m is not ("storefront" or "backoffice")))
            settings[$"AddisPay__Endpoints__{module}"] = _processes.First(p => p.Modules == "all" || p.Modules.Split(',').Contains(module)).BaseAddress.ToString();
        var replica = await HostProcess.StartAsync("storefront", database, port, settings, ReadyWithin);
        _processes.Add(replica);
        return replica;
    }

    /// <summary>Search learns of the demo products from Products' events, a moment after they are published.</summary>
    private async Task WaitForSearchIndexAsync(HostProcess search)
    {
        using var http = search.Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var found = await http.GetFromJsonAsync<JsonElement>("/api/search?q=coffee");
            if (found.GetProperty("total").GetInt64() >= 5) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("Search did not index the demo catalogue in time:\n" + search.Output);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in Enumerable.Reverse(_processes)) await p.DisposeAsync();
    }
}
