namespace AddisPay.Development;

/// <summary>Owns the development cluster this process started, and stops it when the process ends.</summary>
public sealed class LocalPostgresLease(LocalPostgres postgres) : IDisposable
{
    public LocalPostgres Postgres { get; } = postgres;

    public void Dispose() => Postgres.Stop();

    public static string DefaultDataDirectory(string contentRoot)
    {
        // Under root the cluster belongs to the postgres user, who may not be able to reach the checkout.
        if (OperatingSystem.IsLinux() && Environment.UserName == "root") return "/var/lib/addispay/dev-postgres";
        return Path.Combine(contentRoot, ".data", "postgres");
    }
}
