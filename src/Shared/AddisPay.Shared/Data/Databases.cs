using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AddisPay.Shared.Data;

public static class Databases
{
    public const string Main = "AddisPay";

    public static string ConnectionStringFor(IConfiguration configuration, string module) =>
        configuration.GetConnectionString(module)
        ?? configuration.GetConnectionString(Main)
        ?? throw new InvalidOperationException(
            $"No database configured: set ConnectionStrings:{Main} (env ConnectionStrings__{Main}) " +
            $"or ConnectionStrings:{module}. In Development a local PostgreSQL is started when neither is set.");

    /// <summary>
    /// The settings a module's own work runs with (requests, inbox handlers, sweepers), unless the configured
    /// connection string says otherwise: a pooled connection is handed back as it is, without the reset statements
    /// Npgsql would otherwise prepend to its next use. Npgsql always rolls back a transaction left open on return, so
    /// module code only has to leave no session state behind: no session-level SET (use SET LOCAL / set_config(..., true)
    /// in a transaction), and session advisory locks are always unlocked in a finally.
    /// <para>
    /// Automatic preparation stays off. With it, a statement whose preparing execution fails at Bind (a parameter the
    /// server rejects: a NUL byte in text, 22021; an invalid jsonb value) is recorded by Npgsql 10.0.3 as prepared but
    /// without its row description; its next execution on that physical connection reads the rows as unexpected
    /// ("Received unexpected backend message DataRow"), fails an unrelated request and breaks the connection
    /// (reproduced in Shared/Data/DatabasesTests; docs/security.md). The hottest reads prepare explicitly instead
    /// (NpgsqlCommand.PrepareAsync: the description is read in the prepare's own round trip, so a later failed Bind leaves
    /// the statement intact; see docs/benchmarks.md for what automatic preparation was worth).
    /// </para>
    /// Marten's own store (the async daemon's leadership locks) and the migrator keep the plain connection string, with the reset.
    /// </summary>
    public static string ForModuleWork(string connectionString)
    {
        // Npgsql's builder reports every keyword it knows as present; the generic one keeps only those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "").ToLowerInvariant()).ToHashSet();
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("noresetonclose")) settings.NoResetOnClose = true;
        return settings.ConnectionString;
    }
}
