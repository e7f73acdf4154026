using Marten;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AddisPay.Shared.Data;

/// <summary>One schema change step owned by a module; run by `migrate` or at start-up in development.</summary>
public interface IModuleMigration
{
    string Module { get; }

    /// <param name="atStartup">
    /// True when a serving process migrates as it starts (AddisPay:MigrateOnStartup): a step may then trust a cheap sign
    /// that its schema is current (EF Core's history table, a Marten store's fingerprint) instead of comparing the whole
    /// schema. The `migrate` command always compares.
    /// </param>
    Task MigrateAsync(IServiceProvider services, bool atStartup, CancellationToken ct);
}

internal sealed class EfCoreMigration<TContext>(string module) : IModuleMigration where TContext : DbContext
{
    public string Module => module;

    public async Task MigrateAsync(IServiceProvider services, bool atStartup, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        // MigrateAsync builds the last migration's model snapshot and compares it with the code's model even when there
        // is nothing to apply: seconds of CPU for each module of a starting pod. The history table says the same in one query.
        if (atStartup && !(await database.GetPendingMigrationsAsync(ct)).Any()) return;
        await database.MigrateAsync(ct);
    }
}

internal sealed class MartenMigration<TStore>(string module) : IModuleMigration where TStore : IDocumentStore
{
    public string Module => module;

    public Task MigrateAsync(IServiceProvider services, bool atStartup, CancellationToken ct) =>
        SchemaFingerprint.ApplyAsync(services.GetRequiredService<TStore>(), module, atStartup, ct);
}

/// <summary>
/// Brings a Marten store's schema up to date and remembers the DDL it was brought to (a SHA-256 of Marten's own script,
/// in the store's schema). Marten's comparison reads the catalogue for every table and function (1–2.5 s at each start of
/// each process); at start-up a matching fingerprint skips it. The `migrate` command always compares, so a schema
/// changed by hand is put right by the next release's migration job.
/// </summary>
internal static class SchemaFingerprint
{
    public static async Task ApplyAsync(IDocumentStore store, string name, bool atStartup, CancellationToken ct, string extraDdl = "")
    {
        var schema = store.Options.DatabaseSchemaName;
        var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(store.Storage.ToDatabaseScript() + extraDdl)));
        await using var conn = store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        if (atStartup && await ReadAsync(conn, schema, name, ct) == fingerprint) return;

        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        if (extraDdl.Length > 0) await ExecuteAsync(conn, extraDdl, ct);
        await ExecuteAsync(conn, $"""
            create table if not exists "{schema}".schema_fingerprints (name text primary key, sha256 text not null, applied_at timestamptz not null);
            insert into "{schema}".schema_fingerprints values ('{name}', '{fingerprint}', now())
            on conflict (name) do update set sha256 = excluded.sha256, applied_at = excluded.applied_at
            """, ct);
    }

    private static async Task<string?> ReadAsync(NpgsqlConnection conn, string schema, string name, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("select to_regclass(@table) is not null", conn);
        exists.Parameters.AddWithValue("table", $"\"{schema}\".schema_fingerprints");
        if (await exists.ExecuteScalarAsync(ct) is not true) return null;
        await using var read = new NpgsqlCommand($"select sha256 from \"{schema}\".schema_fingerprints where name = @name", conn);
        read.Parameters.AddWithValue("name", name);
        return await read.ExecuteScalarAsync(ct) as string;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Raw SQL steps (idempotent DDL) for tables the platform keeps in a module's schema.</summary>
internal sealed class SqlMigration(string module, string connectionString, string sql) : IModuleMigration
{
    public string Module => module;

    public async Task MigrateAsync(IServiceProvider services, bool atStartup, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// Runs every registered migration of the selected modules, one process at a time: pods of several
/// Deployments may start together, and two concurrent DDL runs on one schema would collide.
/// </summary>
public sealed class MigrationRunner(IEnumerable<IModuleMigration> migrations, IServiceProvider services,
    Microsoft.Extensions.Configuration.IConfiguration configuration, ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x41646469_50617900; // "AddiPay" as a stable advisory lock id

    /// <param name="atStartup">See <see cref="IModuleMigration.MigrateAsync"/>.</param>
    public async Task RunAsync(bool atStartup, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(Databases.ConnectionStringFor(configuration, "migrations"));
        await conn.OpenAsync(ct);
        // No command timeout on the wait: when every Deployment's pods start together, the last in line waits for all
        // the others' migrations, which can take longer than a command's default 30 s. What bounds a stuck start is the
        // host's cancellation (and the pod's startup probe), not this command.
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", conn) { CommandTimeout = 0 })
            await take.ExecuteNonQueryAsync(ct);
        try
        {
            foreach (var m in migrations)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                await m.MigrateAsync(services, atStartup, ct);
                logger.LogInformation("Migrated {Module} ({Step}) in {ElapsedMs} ms", m.Module, m.GetType().Name, started.ElapsedMilliseconds);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", conn);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
