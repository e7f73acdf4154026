using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
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

    public static async Task<StorefrontShop> AllInOneAsync(string database)
    {
        var shop = new StorefrontShop();
        var host = await HostProcess.StartAsync("all", database, environment: DemoCatalogue, readyWithin: ReadyWithin);
        shop._processes.Add(host);
        shop.Address = host.BaseAddress;
        await shop.WaitForSearchIndexAsync(host);
        return shop;
    }

    /// <summary>
    /// Storefront, Products, Search and Cart each in its own process, and Reviews, Recommendations and Notifications (the
    /// product page's reviews, recommendations and back-in-stock watch) in one more; the storefront reaches them all over HTTP.
    /// </summary>
    public static async Task<StorefrontShop> SplitAsync(string database)
    {
        var shop = new StorefrontShop();
        var products = await HostProcess.StartAsync("products", database, environment: DemoCatalogue, readyWithin: ReadyWithin);
        shop._processes.Add(products);
        var search = await HostProcess.StartAsync("search", database, readyWithin: ReadyWithin);
        shop._processes.Add(search);
        var cart = await HostProcess.StartAsync("cart", database,
            environment: new Dictionary<string, string> { ["AddisPay__Endpoints__products"] = products.BaseAddress.ToString() }, readyWithin: ReadyWithin);
        shop._processes.Add(cart);
        var beside = await HostProcess.StartAsync("reviews,recommendations,notifications", database,
            environment: new Dictionary<string, string> { ["AddisPay__Endpoints__products"] = products.BaseAddress.ToString() }, readyWithin: ReadyWithin);
        shop._processes.Add(beside);
        var storefront = await HostProcess.StartAsync("storefront", database, environment: new Dictionary<string, string>
        {
            ["AddisPay__Endpoints__products"] = products.BaseAddress.ToString(),
            ["AddisPay__Endpoints__search"] = search.BaseAddress.ToString(),
            ["AddisPay__Endpoints__cart"] = cart.BaseAddress.ToString(),
            ["AddisPay__Endpoints__reviews"] = beside.BaseAddress.ToString(),
            ["AddisPay__Endpoints__recommendations"] = beside.BaseAddress.ToString(),
            ["AddisPay__Endpoints__notifications"] = beside.BaseAddress.ToString()
        }, readyWithin: ReadyWithin);
        shop._processes.Add(storefront);
        shop.Address = storefront.BaseAddress;
        await shop.WaitForSearchIndexAsync(search);
        return shop;
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

/// <summary>One shop with every module in one process, shared by a test class (one Host start per class, not per test).</summary>
public sealed class AllInOneShop : IAsyncLifetime
{
    public StorefrontShop Shop { get; private set; } = null!;
    public async Task InitializeAsync() => Shop = await StorefrontShop.AllInOneAsync(TestPostgres.CreateDatabase("storefront"));
    public async Task DisposeAsync() => await Shop.DisposeAsync();
}

/// <summary>One split shop (a process per module group), shared by a test class.</summary>
public sealed class SplitShop : IAsyncLifetime
{
    public StorefrontShop Shop { get; private set; } = null!;
    public async Task InitializeAsync() => Shop = await StorefrontShop.SplitAsync(TestPostgres.CreateDatabase("storefront_split"));
    public async Task DisposeAsync() => await Shop.DisposeAsync();
}
