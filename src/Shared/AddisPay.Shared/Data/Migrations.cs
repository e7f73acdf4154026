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
    Task MigrateAsync(IServiceProvider services, CancellationToken ct);
}

internal sealed class EfCoreMigration<TContext>(string module) : IModuleMigration where TContext : DbContext
{
    public string Module => module;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync(ct);
    }
}

internal sealed class MartenMigration<TStore>(string module) : IModuleMigration where TStore : IDocumentStore
{
    public string Module => module;

    public Task MigrateAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<TStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
}

/// <summary>Raw SQL steps (idempotent DDL) for tables the platform keeps in a module's schema.</summary>
internal sealed class SqlMigration(string module, string connectionString, string sql) : IModuleMigration
{
    public string Module => module;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
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

    public async Task RunAsync(CancellationToken ct)
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
                await m.MigrateAsync(services, ct);
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
