using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>Host processes serving the storefront over the demo catalogue: one process with every module, or one per module.</summary>
public sealed class StorefrontShop : IAsyncDisposable
{
    private readonly List<HostProcess> _processes = [];

    private StorefrontShop() { }

    public Uri Address { get; private set; } = null!;
    public IReadOnlyList<HostProcess> Processes => _processes;

    /// <summary>The twelve hand-written demo products only: enough to shop, quick to index.</summary>
    private static readonly Dictionary<string, string> DemoCatalogue = new()
    {
        ["AddisPay__DemoData"] = "true",
        ["AddisPay__Products__DemoProducts"] = "0"
    };

    public static async Task<StorefrontShop> AllInOneAsync(string database)
    {
        var shop = new StorefrontShop();
        var host = await HostProcess.StartAsync("all", database, environment: DemoCatalogue);
        shop._processes.Add(host);
        shop.Address = host.BaseAddress;
        await shop.WaitForSearchIndexAsync(host);
        return shop;
    }

    /// <summary>Storefront, Products, Search and Cart each in its own process; the storefront reaches the others over HTTP.</summary>
    public static async Task<StorefrontShop> SplitAsync(string database)
    {
        var shop = new StorefrontShop();
        var products = await HostProcess.StartAsync("products", database, environment: DemoCatalogue);
        shop._processes.Add(products);
        var search = await HostProcess.StartAsync("search", database);
        shop._processes.Add(search);
        var cart = await HostProcess.StartAsync("cart", database,
            environment: new Dictionary<string, string> { ["AddisPay__Endpoints__products"] = products.BaseAddress.ToString() });
        shop._processes.Add(cart);
        var storefront = await HostProcess.StartAsync("storefront", database, environment: new Dictionary<string, string>
        {
            ["AddisPay__Endpoints__products"] = products.BaseAddress.ToString(),
            ["AddisPay__Endpoints__search"] = search.BaseAddress.ToString(),
            ["AddisPay__Endpoints__cart"] = cart.BaseAddress.ToString()
        });
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
