using AddisPay.Shared.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>The Host in the ASP.NET test server, on its own database, with the modules given.</summary>
public sealed class PlatformFactory(string modules = "all", Dictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null, string? connectionString = null) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString ?? TestPostgres.CreateDatabase("platform");

    /// <summary>The run's pod-to-pod key: 32 random bytes, as the start-up rule demands outside Development.</summary>
    public static readonly string InternalKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Rate limits out of the way: the suite sends thousands of requests from 127.0.0.1 (one client address). The tests
    /// of the limits themselves (Shared/Http/RateLimitsTests) set their own.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> UnthrottledRateLimits() =>
        RateLimits.Defaults.Keys.Select(policy => new KeyValuePair<string, string?>(RateLimits.ConfigurationKey(policy) + ":PermitLimit", "1000000"));

    public static Dictionary<string, string?> BaseSettings(string connectionString, string modules) => new(UnthrottledRateLimits())
    {
        ["ConnectionStrings:AddisPay"] = connectionString,
        ["AddisPay:Modules"] = modules,
        ["AddisPay:InternalKey"] = InternalKey,
        [$"AddisPay:Auth:SigningKeys:{Tokens.KeyId}"] = Tokens.Key,
        ["AddisPay:MigrateOnStartup"] = "true",
        ["AddisPay:Logging:Format"] = "ecs",
        ["AddisPay:Events:Inbox:BaseDelayMs"] = "20",
        ["AddisPay:Events:Inbox:MaxDelayMs"] = "200",
        // Journeys wait on event hops (order placed, stock held, paid, emailed). Each commit that appends wakes the
        // processes' daemons (EventLogAppends), so the polls are fallbacks: shorter than production's 5 s / 1 s only so
        // that a gap a rolled-back append leaves (skipped after 3 s, checked at the next look) holds a journey at most ~5 s.
        // A standby takes over within a second (ReplicaTests and LiveRetopologyTests measure the failover).
        ["AddisPay:Events:Polling:QuietInterval"] = "00:00:02",
        ["AddisPay:Events:Polling:BusyInterval"] = "00:00:00.500",
        ["AddisPay:Events:Polling:LeadershipInterval"] = "00:00:01",
        // A twentieth of the production work per password hash (~0.2 s of CPU at 210,000): the suite registers and signs
        // in hundreds of times on two cores. The timing tests (Identity/AccountEnumerationTests) hash at the real count.
        [$"{AddisPay.Users.Domain.PasswordHashing.Section}:Iterations"] = "10000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in BaseSettings(ConnectionString, modules)) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? []) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureServices(services);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        Databases.Remember(client, ConnectionString);
    }

    public Shop Shop()
    {
        var client = CreateClient();
        return new Shop(client, client);
    }
}

/// <summary>
/// Which test database serves a client's requests, for helpers that read what the platform wrote (the tokens an email
/// carries) but are handed only a client.
/// </summary>
public static class Databases
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, string> Serving = new();

    public static void Remember(HttpClient client, string connectionString) => Serving.AddOrUpdate(client, connectionString);

    public static string Of(HttpClient client) => Serving.TryGetValue(client, out var connectionString) ? connectionString
        : throw new InvalidOperationException("This client was not made by a PlatformFactory or HostProcess: pass the connection string.");
}
