using AddisPay.Recommendations.Domain;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>
/// The recompute schedule (every 0.2 s here) and its lock: one process computes at a time. The schedule is a setting the
/// other classes must not have (they recompute when their history is in), so a platform of its own for this class, started
/// in the "Recommendations" collection as the test that held it did before.
/// </summary>
[Collection(RecommendationsPlatform.Collection)]
public sealed class RecomputeOnScheduleTests(RecomputeOnScheduleTests.ScheduledPlatform scheduled) : IClassFixture<RecomputeOnScheduleTests.ScheduledPlatform>
{
    public sealed class ScheduledPlatform : IDisposable
    {
        public PlatformFactory Factory { get; } = new("recommendations", new() { ["AddisPay:Recommendations:RecomputeInterval"] = "00:00:00.200" });

        // Started (schemas migrated, the schedule running) before any test reads its tables.
        public ScheduledPlatform() => _ = Factory.Services;

        public void Dispose() => Factory.Dispose();
    }

    private ModelRecompute Recompute => scheduled.Factory.Services.GetRequiredService<ModelRecompute>();

    private async Task<long> RunsAsync()
    {
        await using var conn = new NpgsqlConnection(scheduled.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from recommendations.model_runs", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="body"/> while another pod holds the recompute lock, then releases it.</summary>
    private async Task WhileAnotherPodHoldsTheLockAsync(Func<Task> body)
    {
        await using var otherPod = new NpgsqlConnection(scheduled.Factory.ConnectionString);
        await otherPod.OpenAsync();
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({ModelRecompute.LockKey})", otherPod)) await take.ExecuteNonQueryAsync();
        await body();
        await using var release = new NpgsqlCommand($"select pg_advisory_unlock({ModelRecompute.LockKey})", otherPod);
        await release.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_schedule_recomputes_on_its_own() =>
        await Eventually.Until(RunsAsync, n => n >= 1, "the schedule to recompute");

    [Fact]
    public async Task A_process_skips_its_recompute_while_another_holds_the_lock_rather_than_computing_the_same_model_twice() =>
        await WhileAnotherPodHoldsTheLockAsync(async () => Assert.Null(await Recompute.RunAsync(wait: false, CancellationToken.None)));

    [Fact]
    public async Task A_recompute_goes_ahead_once_the_lock_is_released()
    {
        await WhileAnotherPodHoldsTheLockAsync(() => Task.CompletedTask);
        // Computing goes ahead (waiting, if need be, for this pod's own scheduled run to finish).
        Assert.NotNull(await Recompute.RunAsync(wait: true, CancellationToken.None));
    }
}
