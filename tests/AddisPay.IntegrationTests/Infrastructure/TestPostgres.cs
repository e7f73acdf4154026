using AddisPay.Development;
using AddisPay.Shared.Data;
using Npgsql;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL the suite runs against: ADDISPAY_TEST_POSTGRES (a connection string to a server
/// whose user may create databases) when set, otherwise a throw-away local cluster started once per run
/// from the machine's server binaries. Every fixture gets a database of its own, migrated (a copy of a template) or empty.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static LocalPostgres? _local;
    private static string? _dataDir;
    private static int _counter;

    /// <summary>
    /// A database of its own with every module's schema already in place: a copy of one migrated once per run (see
    /// <see cref="Template"/>), so the platform's migration at start-up finds nothing to do.
    /// </summary>
    public static string CreateDatabase(string purpose) => Create(purpose, Template.Value);

    /// <summary>An empty database, for the tests of migrating itself (which schemas a process creates, and when).</summary>
    public static string CreateEmptyDatabase(string purpose) => Create(purpose, template: null);

    /// <summary>
    /// Every module's schema, migrated once per run by the Host's own `migrate` command and copied by PostgreSQL into each
    /// fixture's database: a full migration is seconds of CPU in the Host and the server, paid by some 90 databases a run
    /// before (docs/benchmarks.md, "The suite's lanes"). A copy holds what the migration wrote, nothing a test wrote.
    /// </summary>
    private static readonly Lazy<string> Template = new(MigrateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string Create(string purpose, string? template)
    {
        var server = Server.Value;
        var name = $"t_{purpose.ToLowerInvariant()}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        using var conn = Open(server, "postgres");
        Execute(conn, $"drop database if exists \"{name}\" with (force)");
        Execute(conn, template is null ? $"create database \"{name}\"" : $"create database \"{name}\" template \"{template}\"");
        // Idle pooled connections go back to the server after 15 s: fixtures that have finished their work hold none for long.
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30, ConnectionIdleLifetime = 15 }.ConnectionString;
    }

    private static string MigrateTemplate()
    {
        var name = $"t_template_{Environment.ProcessId}";
        var database = Create("template_migrating", template: null);
        // On the thread pool: xunit's threads run under a context of bounded concurrency, and every lane may be waiting here.
        var (exitCode, output) = Task.Run(() => HostProcess.RunCommandAsync("migrate", "all", database, timeout: TimeSpan.FromMinutes(3)))
            .GetAwaiter().GetResult();
        if (exitCode != 0) throw new InvalidOperationException($"Migrating the template database failed ({exitCode}):\n{output}");
        var migrated = new NpgsqlConnectionStringBuilder(database).Database!;
        using var conn = Open(Server.Value, "postgres");
        // A copy needs its source without sessions; the migrate process has exited, so nothing should be left but a straggler.
        Execute(conn, $"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{migrated}' and pid <> pg_backend_pid()");
        Execute(conn, $"drop database if exists \"{name}\" with (force)");
        Execute(conn, $"alter database \"{migrated}\" rename to \"{name}\"");
        return name;
    }

    private static NpgsqlConnection Open(string server, string database)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString);
        conn.Open();
        return conn;
    }

    private static void Execute(NpgsqlConnection conn, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }

    private static string StartServer()
    {
        var external = Environment.GetEnvironmentVariable("ADDISPAY_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external)) return external;

        _dataDir = Path.Combine(Path.GetTempPath(), $"addispay-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _local = LocalPostgres.Start(_dataDir, durable: false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            _local.Stop();
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return _local.ConnectionString();
    }
}
