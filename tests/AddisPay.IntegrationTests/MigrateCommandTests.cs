using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.IntegrationTests.Scenarios;
using Xunit;

namespace AddisPay.IntegrationTests;

/// <summary>`AddisPay.Host migrate` is what a Kubernetes Job runs before a release: schema changes, then exit.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_applies_the_selected_modules_schemas_and_exits()
    {
        var db = TestPostgres.CreateDatabase("migrate");
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
}
