using AddisPay.IntegrationTests.Scenarios;
using AddisPay.Shared.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Shared.Data;

/// <summary>
/// The migrations of the selected modules (<c>MigrationRunner</c>): one process at a time behind the migration lock, and a
/// start that trusts a store's schema fingerprint while the migrate command compares everything. Each run is arranged once
/// for the class and each fact asserts one behaviour of what it recorded.
/// </summary>
public sealed class MigrationRunnerTests(Arrangements arranged) : IClassFixture<Arrangements>
{
    private const long MigrationLock = 0x41646469_50617900L;

    /// <summary>
    /// Another process holds the migration lock for 6 s while `migrate` starts with every command limited to 2 s; what was
    /// there while it waited, and once the lock was released.
    /// </summary>
    private sealed record QueuedMigration(bool EndedWhileLocked, long ProductsSchemasWhileLocked, int Exit, string Output, long ProductsTables)
    {
        public static async Task<QueuedMigration> ArrangeAsync()
        {
            // Pods of every Deployment start together and migrate one at a time: the last waits for all the others.
            var db = TestPostgres.CreateEmptyDatabase("migrate-queue");
            await using var other = new Npgsql.NpgsqlConnection(db);
            await other.OpenAsync();
            await using (var take = new Npgsql.NpgsqlCommand($"select pg_advisory_lock({MigrationLock})", other))
                await take.ExecuteNonQueryAsync();

            // Every command of this process may take 2 s at most, and the lock stays taken for 6.
            var queued = HostProcess.RunCommandAsync("migrate", "products", db + ";Command Timeout=2",
                new Dictionary<string, string> { ["AddisPay__MigrateOnStartup"] = "false" });
            await Task.Delay(TimeSpan.FromSeconds(6));
            var endedWhileLocked = queued.IsCompleted;
            var schemasWhileLocked = await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.schemata where schema_name = 'products'");

            await using (var release = new Npgsql.NpgsqlCommand($"select pg_advisory_unlock({MigrationLock})", other))
                await release.ExecuteNonQueryAsync();
            var (exit, output) = await queued;
            return new(endedWhileLocked, schemasWhileLocked, exit, output,
                await PriceChangeScenario.CountAsync(db, "select count(*) from information_schema.tables where table_schema = 'products' and table_name = 'products'"));
        }
    }

    private Task<QueuedMigration> QueuedAsync() => arranged.OnceAsync(QueuedMigration.ArrangeAsync);

    [Fact]
    public async Task A_migration_queued_behind_another_process_waits_for_its_lock_longer_than_a_command_may_take()
    {
        var queued = await QueuedAsync();
        Assert.False(queued.EndedWhileLocked, "the migration ended while another process held the migration lock");
        Assert.Equal(0, queued.ProductsSchemasWhileLocked);
    }

    [Fact]
    public async Task A_migration_queued_behind_another_process_migrates_once_the_lock_is_released()
    {
        var queued = await QueuedAsync();
        Assert.True(queued.Exit == 0, queued.Output);
        Assert.Equal(1, queued.ProductsTables);
    }

    /// <summary>
    /// A started cart store whose owner index is dropped behind its back: a start, then the migrate command; then dropped again
    /// with a stored fingerprint that is not this store's DDL (a release that changed it), and a start.
    /// </summary>
    private sealed record Fingerprints(long IndexesAtFirst, long IndexesAfterTrustingStart, long IndexesAfterMigrate, long IndexesAfterComparingStart, long OlderFingerprintsLeft)
    {
        private const string OwnerIndex = "select count(*) from pg_indexes where schemaname = 'cart' and tablename = 'mt_doc_cart' and indexdef like '%owner_id%'";

        public static async Task<Fingerprints> ArrangeAsync()
        {
            await using var factory = new PlatformFactory("cart");
            _ = factory.Server; // started: the cart store's schema created and its fingerprint written
            var runner = factory.Services.GetRequiredService<MigrationRunner>();
            Task<long> IndexesAsync() => PriceChangeScenario.CountAsync(factory.ConnectionString, OwnerIndex);
            async Task DropOwnerIndexAsync()
            {
                await using var conn = new Npgsql.NpgsqlConnection(factory.ConnectionString);
                await conn.OpenAsync();
                await using var find = new Npgsql.NpgsqlCommand(OwnerIndex.Replace("count(*)", "indexname"), conn);
                await using var drop = new Npgsql.NpgsqlCommand($"drop index cart.\"{(string)(await find.ExecuteScalarAsync())!}\"", conn);
                await drop.ExecuteNonQueryAsync();
            }
            var atFirst = await IndexesAsync();
            await DropOwnerIndexAsync();

            await runner.RunAsync(atStartup: true, CancellationToken.None);
            var afterTrustingStart = await IndexesAsync();

            await runner.RunAsync(atStartup: false, CancellationToken.None);
            var afterMigrate = await IndexesAsync();

            await PriceChangeScenario.CountAsync(factory.ConnectionString, "with changed as (update cart.schema_fingerprints set sha256 = 'older' returning 1) select count(*) from changed");
            await DropOwnerIndexAsync();
            await runner.RunAsync(atStartup: true, CancellationToken.None);
            return new(atFirst, afterTrustingStart, afterMigrate, await IndexesAsync(),
                await PriceChangeScenario.CountAsync(factory.ConnectionString, "select count(*) from cart.schema_fingerprints where sha256 = 'older'"));
        }
    }

    private Task<Fingerprints> FingerprintsAsync() => arranged.OnceAsync(Fingerprints.ArrangeAsync);

    /// <summary>The fingerprint still matches the store's DDL: a start does not read the catalogue, so it does not notice.</summary>
    [Fact]
    public async Task A_starting_process_trusts_a_stores_matching_schema_fingerprint()
    {
        var fingerprints = await FingerprintsAsync();
        Assert.Equal(1, fingerprints.IndexesAtFirst);
        Assert.Equal(0, fingerprints.IndexesAfterTrustingStart);
    }

    /// <summary>The migrate command (a release's job) compares everything and puts the index back.</summary>
    [Fact]
    public async Task The_migrate_command_compares_the_schema_whatever_the_fingerprint() =>
        Assert.Equal(1, (await FingerprintsAsync()).IndexesAfterMigrate);

    [Fact]
    public async Task A_starting_process_compares_the_schema_when_the_stored_fingerprint_differs() =>
        Assert.Equal(1, (await FingerprintsAsync()).IndexesAfterComparingStart);

    [Fact]
    public async Task A_start_that_compared_the_schema_replaces_the_stored_fingerprint() =>
        Assert.Equal(0, (await FingerprintsAsync()).OlderFingerprintsLeft);
}
