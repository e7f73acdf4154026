using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace AddisPay.Recommendations.Domain;

public sealed record RecomputeResult(DateTimeOffset ComputedAt, int Interactions, int Products, int Shoppers, int PersonalLists, int DurationMs);

/// <summary>
/// Reads all behaviour and catalogue facts, runs <see cref="Recommender"/> in memory, and replaces the served
/// tables in one transaction: readers keep seeing the previous model (MVCC) until the commit, then the new one,
/// never a mix and never a wait. A session advisory lock makes one pod compute at a time.
/// </summary>
internal sealed class ModelRecompute(RecommendationsDatabase database, TimeProvider clock, ILogger<ModelRecompute> log)
{
    public const short BoughtTogetherModel = 1;
    public const short SimilarModel = 2;
    internal const long LockKey = 7_261_737_465_330_001; // recommendations.recompute

    private static readonly Histogram Duration = Metrics.CreateHistogram("addispay_recommendations_recompute_seconds",
        "Time to recompute and swap the recommendation models.", new HistogramConfiguration { Buckets = [0.1, 0.5, 1, 5, 15, 60, 300] });

    /// <summary>Null when another process holds the lock and <paramref name="wait"/> is false.</summary>
    public async Task<RecomputeResult?> RunAsync(bool wait, CancellationToken ct)
    {
        await using var conn = await database.OpenAsync(ct);
        if (!await ModelSql.LockAsync(conn, wait, ct)) return null;
        try
        {
            var started = Stopwatch.StartNew();
            var catalogue = await ModelSql.ReadCatalogueAsync(conn, ct);
            var behaviour = await ModelSql.ReadBehaviourAsync(conn, ct);
            var now = clock.GetUtcNow();
            var snapshot = Recommender.Compute(behaviour, catalogue, now, new RecommenderOptions { IsPersonal = s => s.StartsWith("u:", StringComparison.Ordinal) });
            await ModelSql.SwapAsync(conn, snapshot, ct);
            var result = new RecomputeResult(now, behaviour.Count, catalogue.Count, snapshot.Subjects, snapshot.Personal.Count, (int)started.ElapsedMilliseconds);
            await ModelSql.RecordRunAsync(conn, result, ct);
            Duration.Observe(started.Elapsed.TotalSeconds);
            log.LogInformation("Recomputed recommendations from {Interactions} interactions over {Products} products in {DurationMs} ms",
                result.Interactions, result.Products, result.DurationMs);
            return result;
        }
        finally
        {
            await ModelSql.UnlockAsync(conn);
        }
    }
}
