using AddisPay.IntegrationTests.Scenarios;
using AddisPay.Shared.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Shared.Data;

/// <summary>
/// The migrations of the selected modules (<c>MigrationRunner</c>): one process at a time behind the migration lock, and a
/// start that trusts a store's schema fingerprint while the migrate command compares everything.
/// </summary>
public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task A_migration_queued_behind_another_process_waits_for_its_lock_longer_than_a_command_may_take()
    {
        // Pods of every Deployment start together and migrate one at a time: the last waits for all the others.
        var db = TestPostgres.CreateEmptyDatabase("migrate-queue");
        await using var other = new Npgsql.NpgsqlConnection(db);
        await other.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({0x41646469_50617900L})", other))
            await take.ExecuteNonQueryAsync();

        // Every command of this process may take 2 s at most, and the lock stays taken for 6.
        var queued = HostProcess.RunCommandAsync("migrate", "products", db + ";Command Timeout=2",
            new Dictionary<string, string> { ["AddisPay__MigrateOnStartup"] = "false" });
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.False(queued.IsCompleted, "the migration ended while another process held the migration lock");
        Assert.Equal(0, await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.schemata where schema_name = 'products'"));

        await using (var release = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({0x41646469_50617900L})", other))
            await release.ExecuteNonQueryAsync();
        var (exit, output) = await queued;
        Assert.True(exit == 0, output);
        Assert.Equal(1, await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'products' and table_name = 'products'"));
    }

    [Fact]
    public async Task A_starting_process_trusts_a_stores_matching_schema_fingerprint_and_compares_the_schema_when_it_differs_or_the_migrate_command_runs()
    {
        await using var factory = new PlatformFactory("cart");
        _ = factory.Server; // started: the cart store's schema created and its fingerprint written
        var runner = factory.Services.GetRequiredService<MigrationRunner>();
        const string ownerIndex = "select count(*) from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like '%owner_id%'";
        Assert.Equal(1, await PriceChangeScenario.CountAsync(factory.ConnectionString, ownerIndex));
        async Task DropOwnerIndexAsync()
        {
            await using var conn = new Npgsql.NpgsqlConnection(factory.ConnectionString);
            await conn.OpenAsync();
            await using var find = new Npgsql.NpgsqlCommand(ownerIndex.Replace("count(*)", "indexname"), conn);
            await using var drop = new Npgsql.NpgsqlCommand($"drop index cart.\"{(string)(await find.ExecuteScalarAsync())!}\"", conn);
            await drop.ExecuteNonQueryAsync();
        }
        await DropOwnerIndexAsync();

        // The fingerprint still matches the store's DDL: a start does not read the catalogue, so it does not notice.
        await runner.RunAsync(atStartup: true, CancellationToken.None);
        Assert.Equal(0, await PriceChangeScenario.CountAsync(factory.ConnectionString, ownerIndex));

        // The migrate command (a release's job) compares everything and puts the index back.
        await runner.RunAsync(atStartup: false, CancellationToken.None);
        Assert.Equal(1, await PriceChangeScenario.CountAsync(factory.ConnectionString, ownerIndex));

        // A fingerprint that is not this store's DDL (a release that changed it) makes a start compare too.
        await PriceChangeScenario.CountAsync(factory.ConnectionString, "with changed as (update cart.schema_fingerprints set sha256 = 'older' returning 1) select count(*) from changed");
        await DropOwnerIndexAsync();
        await runner.RunAsync(atStartup: true, CancellationToken.None);
        Assert.Equal(1, await PriceChangeScenario.CountAsync(factory.ConnectionString, ownerIndex));
        Assert.Equal(0, await PriceChangeScenario.CountAsync(factory.ConnectionString, "select count(*) from cart.schema_fingerprints where sha256 = 'older'"));
    }
}
