using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AddisPay.IntegrationTests.Shared.Modules;

/// <summary>
/// AddisPay:Modules (<c>ModuleSelection</c>) decides what a process registers: endpoints, handlers, workers, migrations and
/// checks. A products-only process, started once for the class on an empty database, is what most facts look at.
/// </summary>
public sealed class ModuleSelectionTests(ModuleSelectionTests.ProductsOnly productsOnly) : IClassFixture<ModuleSelectionTests.ProductsOnly>
{
    /// <summary>A process running Products alone, on a database of its own that nothing migrated before.</summary>
    public sealed class ProductsOnly : IDisposable
    {
        public PlatformFactory Factory { get; } = new("products", connectionString: TestPostgres.CreateEmptyDatabase("products_only"));
        public void Dispose() => Factory.Dispose();
    }

    private readonly PlatformFactory _productsOnly = productsOnly.Factory;

    [Fact]
    public async Task A_host_given_an_unknown_module_name_exits_with_one_line_and_a_non_zero_code()
    {
        var (exit, output) = await HostProcess.RunCommandAsync("migrate", "products,paymnts", "Host=127.0.0.1;Port=1;Database=never-reached");
        Assert.Equal(AddisPay.Shared.Modules.StartupRefusedException.ExitCode, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("AddisPay:Modules names unknown module(s): paymnts.", line);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public async Task A_products_only_process_serves_products()
    {
        using var products = await _productsOnly.CreateClient().GetAsync("/api/products");
        Assert.Equal(HttpStatusCode.OK, products.StatusCode);
    }

    [Fact]
    public async Task A_products_only_process_serves_no_other_modules_endpoints()
    {
        using var cart = await _productsOnly.CreateClient().PostAsync("/api/cart", null);
        Assert.Equal(HttpStatusCode.NotFound, cart.StatusCode);
    }

    [Fact]
    public async Task A_products_only_process_checks_products_schema_and_no_other_modules()
    {
        var ready = await _productsOnly.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");
        var checks = ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToArray();
        Assert.Contains("products:schema", checks);
        Assert.DoesNotContain("cart:schema", checks);
    }

    [Fact]
    public async Task A_products_only_process_runs_no_other_modules_migrations()
    {
        _productsOnly.CreateClient().Dispose(); // started: its migrations ran
        // Cart's migrations did not run: its schema does not exist.
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(_productsOnly.ConnectionString,
            "select count(*) from information_schema.schemata where schema_name = 'cart'"));
    }

    /// <summary>Background work is Products' own: its inbox (ratings from Reviews) and its reservation sweeper; no other module's.</summary>
    [Fact]
    public void A_products_only_process_runs_products_inbox_alone()
    {
        var inboxes = _productsOnly.Services.GetRequiredService<IReadOnlyList<AddisPay.Shared.Events.InboxDescriptor>>();
        Assert.Equal(["products"], inboxes.Select(i => i.Module).ToArray());
    }

    [Fact]
    public void A_products_only_process_runs_products_workers_and_no_other_modules()
    {
        var workers = _productsOnly.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToArray();
        Assert.Contains("ExpiredReservationSweeper", workers);
        Assert.DoesNotContain(workers, w => w is "IdleCartSweeper" or "UnpaidOrderExpiry" or "PaymentReconciliation");
    }

    [Fact]
    public async Task A_cart_process_without_an_address_for_products_answers_503_not_500()
    {
        using var factory = new PlatformFactory("cart");
        var shop = factory.Shop();
        var cart = await shop.CreateCartAsync();
        using var r = await shop.AddItemAsync(cart.Id, Guid.NewGuid(), 1);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        Assert.Contains("AddisPay:Endpoints:products", await r.Content.ReadAsStringAsync());
    }
}
