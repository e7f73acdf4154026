using AddisPay.IntegrationTests.Scenarios;

namespace AddisPay.IntegrationTests.Host;

/// <summary>
/// The Host program run as operators run it: `AddisPay.Host migrate`, what a Kubernetes Job runs before a release (schema
/// changes, then exit), and what it refuses or leaves out in Production (the collection's production Host).
/// </summary>
[Collection(ProductionHost.Collection)]
public sealed class ProgramTests(ProductionHost production)
{
    [Fact]
    public async Task Migrate_applies_the_selected_modules_schemas_and_exits()
    {
        var db = TestPostgres.CreateEmptyDatabase("migrate");
        var env = new Dictionary<string, string> { ["AddisPay__MigrateOnStartup"] = "false" };

        var (exit, output) = await HostProcess.RunCommandAsync("migrate", "products", db, env);
        Assert.True(exit == 0, output);
        Assert.Equal(1, await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'products' and table_name = 'products'"));
        Assert.Equal(0, await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.schemata where schema_name = 'cart'"));
        Assert.Equal(1, await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'events' and table_name = 'mt_events'"));

        // Running it again is a no-op, as it is on every release.
        var (again, againOutput) = await HostProcess.RunCommandAsync("migrate", "all", db, env);
        Assert.True(again == 0, againOutput);
        Assert.Equal(1, await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'cart' and table_name = 'inbox'"));
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_database_or_internal_key()
    {
        var (exit, output) = await HostProcess.RunCommandAsync("migrate", "all", "",
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ConnectionStrings__AddisPay"] = "" });
        Assert.NotEqual(0, exit);
        Assert.Contains("ConnectionStrings:AddisPay is not set", output);
    }

    [Fact]
    public async Task Production_serves_no_api_docs_unless_asked_to()
    {
        using var http = production.Host.Client();
        using var docs = await http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.NotFound, docs.StatusCode);
        using var openApi = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
    }
}
