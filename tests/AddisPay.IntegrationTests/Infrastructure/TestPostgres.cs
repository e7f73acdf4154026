using AddisPay.Development;
using AddisPay.Shared.Data;
using Npgsql;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL the suite runs against: ADDISPAY_TEST_POSTGRES (a connection string to a server
/// whose user may create databases) when set, otherwise a throw-away local cluster started once per run
/// from the machine's server binaries. Every fixture gets a database of its own.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<string> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static LocalPostgres? _local;
    private static string? _dataDir;
    private static int _counter;

    public static string CreateDatabase(string purpose)
    {
        var server = Server.Value;
        var name = $"t_{purpose.ToLowerInvariant()}_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        conn.Open();
        using (var cmd = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", conn)) cmd.ExecuteNonQuery();
        using (var cmd = new NpgsqlCommand($"create database \"{name}\"", conn)) cmd.ExecuteNonQuery();
        // Idle pooled connections go back to the server after 15 s: fixtures that have finished their work hold none for long.
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30, ConnectionIdleLifetime = 15 }.ConnectionString;
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
