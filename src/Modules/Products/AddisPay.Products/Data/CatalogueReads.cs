using Npgsql;

namespace AddisPay.Products.Data;

/// <summary>
/// Connections for the catalogue's hottest read (product detail), from a data source of their own, on the module's
/// connection string (Databases.ForModuleWork: statements prepared once per physical connection, no reset when a
/// connection goes back to the pool; the reset of a connection holding prepared statements cost PostgreSQL more than
/// the product query itself). Writes and everything else go through the module's DbContext as before.
/// </summary>
internal sealed class CatalogueReads(string connectionString) : IDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => source.OpenConnectionAsync(ct);

    public void Dispose() => source.Dispose();
}
