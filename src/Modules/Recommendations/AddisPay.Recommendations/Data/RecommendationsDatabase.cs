namespace AddisPay.Recommendations.Data;

/// <summary>The module's connections (ConnectionStrings:recommendations or the platform's database), pooled by one data source.</summary>
internal sealed class RecommendationsDatabase(string connectionString) : IDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct) => source.OpenConnectionAsync(ct);

    public void Dispose() => source.Dispose();
}
