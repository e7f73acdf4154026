using Npgsql;

namespace AddisPay.Search.Index;

/// <summary>
/// Connections for searches, from a data source of their own. A search runs the same few statements over and over, so
/// Npgsql prepares the frequent ones on each physical connection (up to 32, least recently used dropped) and PostgreSQL
/// plans them once instead of on every request (about half a millisecond per statement here). Nothing run through this
/// source changes session state, so its connections are not reset when they go back to the pool (the reset of a
/// connection holding prepared statements is a seven-statement query of its own).
/// </summary>
internal sealed class SearchReads(string connectionString) : IDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
    {
        NoResetOnClose = true, MaxAutoPrepare = 32, AutoPrepareMinUsages = 2
    }.ConnectionString);

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => source.OpenConnectionAsync(ct);

    public void Dispose() => source.Dispose();
}
