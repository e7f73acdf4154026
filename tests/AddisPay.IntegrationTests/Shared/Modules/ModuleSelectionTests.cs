using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AddisPay.IntegrationTests.Shared.Modules;

/// <summary>AddisPay:Modules decides what a process registers: endpoints, handlers, workers, migrations and checks.</summary>
public sealed class ModuleSelectionTests
{
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
    public async Task A_products_only_process_serves_and_checks_products_alone()
    {
        using var factory = new PlatformFactory("products", connectionString: TestPostgres.CreateEmptyDatabase("products_only"));
        var http = factory.CreateClient();
        using (var products = await http.GetAsync("/api/products")) Assert.Equal(HttpStatusCode.OK, products.StatusCode);
        using (var cart = await http.PostAsync("/api/cart", null)) Assert.Equal(HttpStatusCode.NotFound, cart.StatusCode);

        var ready = await http.GetFromJsonAsync<JsonElement>("/health/ready");
        var checks = ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToArray();
        Assert.Contains("products:schema", checks);
        Assert.DoesNotContain("cart:schema", checks);

        // Cart's migrations did not run: its schema does not exist.
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(factory.ConnectionString,
            "select count(*) from information_schema.schemata where schema_name = 'cart'"));
        // Background work is Products' own: its inbox (ratings from Reviews) and its reservation sweeper; no other module's.
        var inboxes = factory.Services.GetRequiredService<IReadOnlyList<AddisPay.Shared.Events.InboxDescriptor>>();
        Assert.Equal(["products"], inboxes.Select(i => i.Module).ToArray());
        var workers = factory.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToArray();
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
