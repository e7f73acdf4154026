using AddisPay.Shared.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace AddisPay.Development;

/// <summary>
/// `dotnet run` with nothing configured: in Development, a private PostgreSQL cluster (kept between runs under
/// AddisPay:LocalPostgres:DataDirectory) becomes the platform's database. Anywhere else this does nothing, and the
/// platform refuses to start without ConnectionStrings:AddisPay.
/// </summary>
public static class LocalDatabase
{
    /// <returns>The lease on the cluster this process started, to dispose when the process ends; null when none was needed.</returns>
    public static LocalPostgresLease? StartIfUnconfigured(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrEmpty(builder.Configuration.GetConnectionString(Databases.Main)))
            return null;

        var dataDir = builder.Configuration["AddisPay:LocalPostgres:DataDirectory"] ?? LocalPostgresLease.DefaultDataDirectory(builder.Environment.ContentRootPath);
        var pg = LocalPostgres.Start(dataDir, durable: true, Console.WriteLine);
        builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{Databases.Main}", pg.ConnectionString())]);
        return new LocalPostgresLease(pg);
    }
}
