using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.IntegrationTests.Notifications;
using Xunit;

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
        ["AddisPay__Notifications__Delivery__PollIntervalMs"] = "100",
        ["AddisPay__Notifications__QuietHours__Start"] = "00:00",
        ["AddisPay__Notifications__QuietHours__End"] = "00:00",
        // Orders sweeps unpaid orders past their payment window every second, not every 15: a journey waits for one.
        ["AddisPay__Orders__SweepInterval"] = "00:00:01",
        // The back office's role tests refund just over and at the limit a support agent may give.
        ["AddisPay__BackOffice__SupportRefundLimit"] = SupportRefundLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The journeys test what the pages do, not how fast a cold process answers on a test machine whose two cores the
        // suite keeps busy (load 25-30; a first sign-in across processes took over the 10 s a command gets). The call
        // policy's own timeouts are tested where they are the point (Platform/RemoteCallPolicyTests).
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

    /// <summary>The modules a shopper's journey reaches, each in its own process; the storefront reaches the others over HTTP.</summary>
    public static readonly string[] SplitModules = ["products", "search", "cart", "users", "notifications", "reviews", "recommendations", "orders", "payments", "storefront", "backoffice"];

    /// <summary>
    /// Every module of <see cref="SplitModules"/> in its own process, each told where all the others are (products first:
    /// it publishes the demo catalogue the others follow).
    /// </summary>
    public static async Task<StorefrontShop> SplitAsync(string database)
    {
        var shop = new StorefrontShop { Mail = await Smtp4dev.InstanceAsync() };
        var ports = SplitModules.ToDictionary(m => m, _ => HostProcess.FreePort());
        var settings = ShopSettings(shop.Mail, ports["storefront"], ports["payments"]);
        foreach (var (module, port) in ports) settings[$"AddisPay__Endpoints__{module}"] = $"http://127.0.0.1:{port}/";
        // Products first (the others follow its demo catalogue), then the rest three at a time, as a release's pods start
        // together: each migrates its schema under one advisory lock, which a start waits for as long as it takes. Not all
        // nine at once: on two loaded cores nine cold starts sharing them missed the three-minute readiness.
        try
        {
            shop._processes.Add(await HostProcess.StartAsync(SplitModules[0], database, ports[SplitModules[0]], settings, ReadyWithin));
            foreach (var wave in SplitModules.Skip(1).Where(m => m != "backoffice").Chunk(3))
            {
                var starting = wave.Select(module => HostProcess.StartAsync(module, database, ports[module], settings, ReadyWithin)).ToList();
                try
                {
                    await Task.WhenAll(starting);
                }
                finally
                {
                    shop._processes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
                }
            }
            shop.Address = shop._processes.Single(p => p.Modules == "storefront").BaseAddress;
            // The back office starts while Search indexes the demo catalogue: its start adds no wave of its own. Both are
            // awaited whatever happens, so a failure leaves no process behind.
            var backOffice = HostProcess.StartAsync("backoffice", database, ports["backoffice"], settings, ReadyWithin);
            try
            {
                await Task.WhenAll(backOffice, shop.WaitForSearchIndexAsync(shop._processes[1]));
            }
            finally
            {
                if (backOffice.IsCompletedSuccessfully) shop._processes.Add(backOffice.Result);
            }
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
            settings[$"AddisPay__Endpoints__{module}"] = (_processes.Count == 1 ? _processes[0] : _processes[Array.IndexOf(SplitModules, module)]).BaseAddress.ToString();
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
