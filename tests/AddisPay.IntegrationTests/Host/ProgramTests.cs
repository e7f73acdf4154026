using AddisPay.IntegrationTests.Scenarios;

namespace AddisPay.IntegrationTests.Host;

/// <summary>
/// The Host program run as operators run it: `AddisPay.Host migrate`, what a Kubernetes Job runs before a release (schema
/// changes, then exit), and what it refuses or leaves out in Production (the collection's production Host).
/// </summary>
[Collection(ProductionHost.Collection)]
public sealed class ProgramTests(ProductionHost production)
{
    /// <summary>`migrate` for Products on an empty database, then again for every module, as the next release would.</summary>
    private sealed record Migrated(int Exit, string Output, long ProductsTables, long CartSchemas, long EventTables, int AgainExit, string AgainOutput, long CartInboxesAfterAgain)
    {
        public static async Task<Migrated> ArrangeAsync()
        {
            var db = TestPostgres.CreateEmptyDatabase("migrate");
            var env = new Dictionary<string, string> { ["AddisPay__MigrateOnStartup"] = "false" };

            var (exit, output) = await HostProcess.RunCommandAsync("migrate", "products", db, env);
            var productsTables = await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'products' and table_name = 'products'");
            var cartSchemas = await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.schemata where schema_name = 'cart'");
            var eventTables = await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'events' and table_name = 'mt_events'");

            var (again, againOutput) = await HostProcess.RunCommandAsync("migrate", "all", db, env);
            return new(exit, output, productsTables, cartSchemas, eventTables, again, againOutput,
                await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'cart' and table_name = 'inbox'"));
        }
    }

    private Task<Migrated> MigratedAsync() => Arrangements.Of(production).OnceAsync(Migrated.ArrangeAsync);

    [Fact]
    public async Task Migrate_applies_the_selected_modules_schemas_and_exits()
    {
        var migrated = await MigratedAsync();
        Assert.True(migrated.Exit == 0, migrated.Output);
        Assert.Equal(1, migrated.ProductsTables);
        Assert.Equal(1, migrated.EventTables);
    }

    [Fact]
    public async Task Migrate_leaves_the_modules_not_selected_unmigrated() =>
        Assert.Equal(0, (await MigratedAsync()).CartSchemas);

    /// <summary>Running it again is a no-op, as it is on every release; the modules selected now are migrated too.</summary>
    [Fact]
    public async Task Migrate_run_again_on_a_migrated_database_succeeds_and_migrates_the_modules_selected_now()
    {
        var migrated = await MigratedAsync();
        Assert.True(migrated.AgainExit == 0, migrated.AgainOutput);
        Assert.Equal(1, migrated.CartInboxesAfterAgain);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_database()
    {
        var (exit, output) = await HostProcess.RunCommandAsync("migrate", "all", "",
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["ConnectionStrings__AddisPay"] = "" });
        Assert.NotEqual(0, exit);
        Assert.Contains("ConnectionStrings:AddisPay is not set", output);
    }

    [Fact]
    public async Task Production_serves_no_api_reference_page_unless_asked_to()
    {
        using var http = production.Host.Client();
        using var docs = await http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.NotFound, docs.StatusCode);
    }

    [Fact]
    public async Task Production_serves_no_api_document_unless_asked_to()
    {
        using var http = production.Host.Client();
        using var openApi = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
    }
}
