using Npgsql;

namespace AddisPay.Products.Data;

/// <summary>
/// Connections for the catalogue's hottest read (product detail), from a data source of their own: its statements are
/// prepared once per physical connection, and its connections are not reset when they go back to the pool. Npgsql's reset
/// of a connection holding prepared statements is a seven-statement query (SET SESSION AUTHORIZATION DEFAULT; RESET ALL;
/// ...) that cost PostgreSQL more than the product query itself; nothing run through this source changes session state,
/// so there is nothing to reset. Writes and everything else go through the module's DbContext as before.
/// </summary>
internal sealed class CatalogueReads(string connectionString) : IDisposable
{
    private readonly NpgsqlDataSource source =
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => source.OpenConnectionAsync(ct);

    public void Dispose() => source.Dispose();
}
