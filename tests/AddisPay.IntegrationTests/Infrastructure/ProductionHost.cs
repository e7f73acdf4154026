namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// A products process in Production with the suite's key (32 random bytes), one for the collection "Production host": what
/// the Host insists on and leaves out there (<c>Host/ProgramTests</c>), its internal key (<c>Shared/Security/InternalKeyRuleTests</c>)
/// and its log lines (<c>Shared/Observability/EcsJsonFormatterTests</c>).
/// </summary>
public sealed class ProductionHost : IAsyncLifetime
{
    public const string Collection = "Production host";

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync("products", TestPostgres.CreateDatabase("production"),
        environment: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(ProductionHost.Collection)]
public sealed class ProductionHostCollection : ICollectionFixture<ProductionHost>;
