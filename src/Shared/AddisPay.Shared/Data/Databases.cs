using Microsoft.Extensions.Configuration;

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
}
