using AddisPay.Shared.Contracts;
using AddisPay.Shared.Messaging;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

[assembly: ModuleContracts("fake")]

namespace AddisPay.IntegrationTests.Shared.Messaging;

public sealed record CountStock(int Sku) : IQuery<int>;
public sealed record ReserveStock(int Sku) : ICommand<int>;
public sealed record ReserveStockOnce(Guid ReservationId) : ICommand<int>, IIdempotentCommand;

/// <summary>
/// The pod-to-pod client (<c>RemoteModuleClient</c>) against a real Kestrel server on loopback that fails on purpose: what is retried,
/// what is not, and how failures come back to the caller.
/// </summary>
public sealed class RemoteModuleClientTests : IAsyncLifetime
{
    private WebApplication _owner = null!;
    private int _attempts;
    private string _mode = "fail-once";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _owner = builder.Build();
        _owner.MapPost("/internal/fake/requests/{name}", (string name, HttpContext http) =>
        {
            var attempt = Interlocked.Increment(ref _attempts);
            if (http.Request.Headers[InternalApi.KeyHeader] != "k") return Results.StatusCode(403);
            return _mode switch
            {
                "fail-once" when attempt == 1 => Results.StatusCode(503),
                "conflict" => Results.Problem(statusCode: 409, detail: "Only 2 left."),
                "in-progress-once" when attempt == 1 => InProgress(http),
                "invalid" => Results.ValidationProblem(new Dictionary<string, string[]> { ["sku"] = ["Unknown SKU."] }),
                "slow" => SlowAnswer(http.RequestAborted),
                "broken" => Results.StatusCode(500),
                _ => Results.Text("42", "application/json")
            };
        });
        await _owner.StartAsync();
    }

    public async Task DisposeAsync() => await _owner.DisposeAsync();

    /// <summary>What Orders answers while an earlier attempt with the same Idempotency-Key still works.</summary>
    private static IResult InProgress(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Results.Problem(statusCode: 409, detail: "A request with Idempotency-Key 'k1' is still being processed; retry in a moment.");
    }

    private static IResult SlowAnswer(CancellationToken aborted)
    {
        try { Task.Delay(TimeSpan.FromSeconds(3), aborted).Wait(aborted); } catch (OperationCanceledException) { }
        return Results.Text("42", "application/json");
    }

    private RemoteModuleClient Client(Action<InternalApiOptions>? timeouts = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        RemoteModuleClient.Register(services);
        services.Configure<InternalApiOptions>(o =>
        {
            o.Key = "k";
            o.Endpoints["fake"] = _owner.Urls.First();
            timeouts?.Invoke(o);
        });
        return services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<RemoteModuleClient>();
    }

    [Fact]
    public async Task A_query_is_retried_after_a_transient_failure()
    {
        Assert.Equal(42, await Client().SendAsync<CountStock, int>("fake", new CountStock(1), default));
        Assert.Equal(2, _attempts);
    }

    [Fact]
    public async Task An_idempotent_command_is_retried_after_a_transient_failure()
    {
        Assert.Equal(42, await Client().SendAsync<ReserveStockOnce, int>("fake", new ReserveStockOnce(Guid.NewGuid()), default));
        Assert.Equal(2, _attempts);
    }

    [Fact]
    public async Task A_plain_command_is_sent_once_and_its_failure_reported()
    {
        var error = await Assert.ThrowsAsync<ModuleUnavailableException>(() => Client().SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));
        Assert.Equal(1, _attempts);
        Assert.Contains("503", error.Message);
    }

    [Fact]
    public async Task Conflicts_and_validation_failures_come_back_as_the_same_exceptions()
    {
        _mode = "conflict";
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Client().SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));
        Assert.Equal("Only 2 left.", conflict.Message);

        _mode = "invalid";
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => Client().SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));
        Assert.Equal(["Unknown SKU."], invalid.Errors["sku"]);
    }

    [Fact]
    public async Task An_idempotent_command_whose_earlier_attempt_is_still_working_is_retried_after_the_owners_Retry_After()
    {
        _mode = "in-progress-once";
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(42, await Client().SendAsync<ReserveStockOnce, int>("fake", new ReserveStockOnce(Guid.NewGuid()), default));
        Assert.Equal(2, _attempts);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {started.Elapsed}, before the Retry-After second");
    }

    [Fact]
    public async Task A_plain_command_gets_the_in_progress_conflict_with_its_Retry_After()
    {
        _mode = "in-progress-once";
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => Client().SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));
        Assert.Equal(1, _attempts);
        Assert.Equal(TimeSpan.FromSeconds(1), conflict.RetryAfter);
    }

    [Fact]
    public async Task An_unreachable_owner_is_reported_as_unavailable()
    {
        var port = Infrastructure.HostProcess.FreePort();
        var services = new ServiceCollection();
        services.AddLogging();
        RemoteModuleClient.Register(services);
        services.Configure<InternalApiOptions>(o => { o.Key = "k"; o.Endpoints["fake"] = $"http://127.0.0.1:{port}"; });
        var client = services.BuildServiceProvider().CreateScope().ServiceProvider.GetRequiredService<RemoteModuleClient>();
        await Assert.ThrowsAsync<ModuleUnavailableException>(() => client.SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));
    }

    // The owner answers in 3 s: within the default timeouts (5 s an attempt, 10 s a command), beyond the configured 1 s.
    [Fact]
    public async Task A_query_gives_up_after_the_configured_attempt_timeout()
    {
        _mode = "slow";
        await Assert.ThrowsAsync<ModuleUnavailableException>(() => Client(o => o.AttemptTimeout = TimeSpan.FromSeconds(1))
            .SendAsync<CountStock, int>("fake", new CountStock(1), default));
    }

    // 1 s attempts against a 3 s answer: the retry policy would make four, the configured 1.5 s in all leaves room for two.
    [Fact]
    public async Task A_query_gives_up_after_the_configured_total_timeout_with_retries_left()
    {
        _mode = "slow";
        await Assert.ThrowsAsync<ModuleUnavailableException>(() => Client(o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)))
            .SendAsync<CountStock, int>("fake", new CountStock(1), default));
        Assert.InRange(_attempts, 1, 2);
    }

    [Fact]
    public async Task A_plain_command_gives_up_after_the_configured_command_timeout()
    {
        _mode = "slow";
        await Assert.ThrowsAsync<ModuleUnavailableException>(() => Client(o => o.CommandTimeout = TimeSpan.FromSeconds(1))
            .SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));
    }

    [Fact]
    public async Task A_slow_answer_within_the_default_timeouts_is_waited_for()
    {
        _mode = "slow";
        Assert.Equal(42, await Client().SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));
    }

    // The standard circuit breaker opens after 100 calls in its window with ≥ 10 % failed. One breaker per client name
    // made a process's calls to every module fail once one module was slow (the split workload mix's 503s).
    [Fact]
    public async Task Failures_of_one_module_do_not_open_the_circuit_for_calls_to_another()
    {
        var healthy = WebApplication.CreateSlimBuilder();
        healthy.WebHost.UseUrls("http://127.0.0.1:0");
        await using var other = healthy.Build();
        other.MapPost("/internal/other/requests/{name}", () => Results.Text("42", "application/json"));
        await other.StartAsync();
        _mode = "broken";
        var client = Client(o => o.Endpoints["other"] = other.Urls.First());

        for (var i = 0; i < 150; i++)
            await Assert.ThrowsAsync<ModuleUnavailableException>(() => client.SendAsync<ReserveStock, int>("fake", new ReserveStock(1), default));

        Assert.True(_attempts < 150, $"the circuit to the failing module never opened ({_attempts} calls reached it)");
        Assert.Equal(42, await client.SendAsync<ReserveStock, int>("other", new ReserveStock(1), default));
    }

    [Fact]
    public void A_total_timeout_shorter_than_one_attempt_is_refused() =>
        Assert.Contains("TotalTimeout", new InternalApiOptions { AttemptTimeout = TimeSpan.FromSeconds(5), TotalTimeout = TimeSpan.FromSeconds(3) }.TimeoutsProblem());
}
