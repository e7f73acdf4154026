using System.Diagnostics;
using AddisPay.Recommendations.Data;
using AddisPay.Recommendations.Scoring;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Prometheus;

namespace AddisPay.Recommendations.Recompute;

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
        await using (var lockCmd = new NpgsqlCommand(wait ? "select pg_advisory_lock(@key), true" : "select true, pg_try_advisory_lock(@key)", conn))
        {
            lockCmd.Parameters.AddWithValue("key", LockKey);
            lockCmd.CommandTimeout = 120;
            await using var reader = await lockCmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            if (!reader.GetBoolean(1)) return null;
        }
        try
        {
            var started = Stopwatch.StartNew();
            var catalogue = await ReadCatalogueAsync(conn, ct);
            var behaviour = await ReadBehaviourAsync(conn, ct);
            var now = clock.GetUtcNow();
            var snapshot = Recommender.Compute(behaviour, catalogue, now, new RecommenderOptions { IsPersonal = s => s.StartsWith("u:", StringComparison.Ordinal) });
            await SwapAsync(conn, snapshot, ct);
            var result = new RecomputeResult(now, behaviour.Count, catalogue.Count, snapshot.Subjects, snapshot.Personal.Count, (int)started.ElapsedMilliseconds);
            await RecordRunAsync(conn, result, ct);
            Duration.Observe(started.Elapsed.TotalSeconds);
            log.LogInformation("Recomputed recommendations from {Interactions} interactions over {Products} products in {DurationMs} ms",
                result.Interactions, result.Products, result.DurationMs);
            return result;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", conn);
            unlock.Parameters.AddWithValue("key", LockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<List<CatalogueFacts>> ReadCatalogueAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var list = new List<CatalogueFacts>();
        await using var cmd = new NpgsqlCommand("""select "ProductId", "Category", "Brand", not "Archived" from recommendations.products""", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new CatalogueFacts(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3)));
        return list;
    }

    private static async Task<List<Behaviour>> ReadBehaviourAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var list = new List<Behaviour>();
        await using var cmd = new NpgsqlCommand("""select "Subject", "ProductId", "Kind", "Count", "LastAt" from recommendations.interactions""", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new Behaviour(r.GetString(0), r.GetGuid(1), (BehaviourKind)r.GetInt16(2), r.GetInt32(3), r.GetFieldValue<DateTimeOffset>(4)));
        return list;
    }

    private static async Task SwapAsync(NpgsqlConnection conn, RecommendationSnapshot snapshot, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var clear = new NpgsqlCommand("""
            delete from recommendations.item_neighbours;
            delete from recommendations.user_recommendations;
            delete from recommendations.withheld;
            delete from recommendations.popular;
            """, conn, tx))
            await clear.ExecuteNonQueryAsync(ct);

        await using (var copy = await conn.BeginBinaryImportAsync(
                         """copy recommendations.item_neighbours ("Model", "ProductId", "Rank", "NeighbourId", "Score") from stdin (format binary)""", ct))
        {
            foreach (var (model, lists) in new[] { (BoughtTogetherModel, snapshot.BoughtTogether), (SimilarModel, snapshot.Similar) })
            foreach (var (product, list) in lists)
            for (var rank = 0; rank < list.Count; rank++)
                await copy.WriteRowAsync(ct, model, product, rank + 1, list[rank].ProductId, list[rank].Score);
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync(
                         """copy recommendations.user_recommendations ("UserId", "Rank", "ProductId", "Score") from stdin (format binary)""", ct))
        {
            foreach (var (subject, list) in snapshot.Personal)
            {
                if (!Guid.TryParse(subject.AsSpan(2), out var user)) continue;
                for (var rank = 0; rank < list.Count; rank++)
                    await copy.WriteRowAsync(ct, user, rank + 1, list[rank].ProductId, list[rank].Score);
            }
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync(
                         """copy recommendations.withheld ("Subject", "ProductId") from stdin (format binary)""", ct))
        {
            foreach (var (subject, products) in snapshot.Withheld)
            foreach (var product in products)
                await copy.WriteRowAsync(ct, subject, product);
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await conn.BeginBinaryImportAsync(
                         """copy recommendations.popular ("Category", "Rank", "ProductId", "Score") from stdin (format binary)""", ct))
        {
            foreach (var (category, list) in snapshot.Popular)
            for (var rank = 0; rank < list.Count; rank++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(category, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(rank + 1, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(list[rank].ProductId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(list[rank].Score, NpgsqlDbType.Double, ct);
            }
            await copy.CompleteAsync(ct);
        }

        // A customer erased while we computed must not come back with the new lists.
        await using (var erased = new NpgsqlCommand("""
            delete from recommendations.user_recommendations r
             where not exists (select 1 from recommendations.interactions i where i."UserId" = r."UserId");
            delete from recommendations.withheld w
             where not exists (select 1 from recommendations.interactions i where i."Subject" = w."Subject");
            """, conn, tx))
            await erased.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static async Task RecordRunAsync(NpgsqlConnection conn, RecomputeResult result, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            insert into recommendations.model_runs ("ComputedAt", "Interactions", "Products", "Shoppers", "DurationMs")
            values (@at, @interactions, @products, @shoppers, @duration)
            """, conn);
        cmd.Parameters.AddWithValue("at", result.ComputedAt);
        cmd.Parameters.AddWithValue("interactions", result.Interactions);
        cmd.Parameters.AddWithValue("products", result.Products);
        cmd.Parameters.AddWithValue("shoppers", result.Shoppers);
        cmd.Parameters.AddWithValue("duration", result.DurationMs);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
