namespace AddisPay.Search.Data;

/// <summary>
/// Connections for searches, from a data source of their own, on the module's connection string (Databases.ForModuleWork).
/// A search runs the same few statements over and over, so Npgsql prepares the frequent ones on each physical connection
/// and PostgreSQL plans them once instead of on every request (about half a millisecond per statement here); nothing run
/// through this source changes session state (SET LOCAL only), so its connections go back to the pool without a reset.
/// </summary>
internal sealed class SearchReads(string connectionString) : IDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => source.OpenConnectionAsync(ct);

    public void Dispose() => source.Dispose();
}
