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
    /// connection string says otherwise. A checkout is about a hundred short statements, and their cost is
    /// per statement: statements used twice are prepared on the server (no parse and plan each time), and a
    /// pooled connection is handed back as it is, without the seven reset statements Npgsql would otherwise
    /// prepend to its next use. Module code therefore leaves no session state behind: no session-level SET
    /// (use SET LOCAL / set_config(..., true) in a transaction), and session advisory locks are always
    /// unlocked in a finally. Marten's own store (the async daemon's leadership locks) and the migrator keep
    /// the plain connection string, with the reset.
    /// </summary>
    public static string ForModuleWork(string connectionString)
    {
        // Npgsql's builder reports every keyword it knows as present; the generic one keeps only those given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "").ToLowerInvariant()).ToHashSet();
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
        {
            settings.MaxAutoPrepare = 100;
            if (!given.Contains("autoprepareminusages")) settings.AutoPrepareMinUsages = 2;
        }
        if (!given.Contains("noresetonclose")) settings.NoResetOnClose = true;
        return settings.ConnectionString;
    }
}
