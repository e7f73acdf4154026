using NpgsqlTypes;

namespace AddisPay.Recommendations.Data;

/// <summary>
/// The recompute's statements: behaviour and catalogue facts read whole, the served tables (<c>item_neighbours</c>,
/// <c>user_recommendations</c>, <c>withheld</c>, <c>popular</c>) replaced in one transaction by binary COPY, the run
/// recorded, and a session advisory lock so one pod computes at a time. The module keeps its data with SQL by design
/// (docs/architecture.md); no benchmark measured these.
/// </summary>
internal static class ModelSql
{
    /// <summary>Takes the recompute lock (waiting for it, or not); false when another session holds it and <paramref name="wait"/> is false.</summary>
    public static async Task<bool> LockAsync(NpgsqlConnection conn, bool wait, CancellationToken ct)
    {
        await using var lockCmd = new NpgsqlCommand(wait ? "select pg_advisory_lock(@key), true" : "select true, pg_try_advisory_lock(@key)", conn);
        lockCmd.Parameters.AddWithValue("key", ModelRecompute.LockKey);
        lockCmd.CommandTimeout = 120;
        await using var reader = await lockCmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetBoolean(1);
    }

    public static async Task UnlockAsync(NpgsqlConnection conn)
    {
        await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(@key)", conn);
        unlock.Parameters.AddWithValue("key", ModelRecompute.LockKey);
        await unlock.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public static async Task<List<CatalogueFacts>> ReadCatalogueAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var list = new List<CatalogueFacts>();
        await using var cmd = new NpgsqlCommand("""select "ProductId", "Category", "Brand", not "Archived" from recommendations.products""", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new CatalogueFacts(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3)));
        return list;
    }

    public static async Task<List<Behaviour>> ReadBehaviourAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var list = new List<Behaviour>();
        await using var cmd = new NpgsqlCommand("""select "Subject", "ProductId", "Kind", "Count", "LastAt" from recommendations.interactions""", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new Behaviour(r.GetString(0), r.GetGuid(1), (BehaviourKind)r.GetInt16(2), r.GetInt32(3), r.GetFieldValue<DateTimeOffset>(4)));
        return list;
    }

    public static async Task SwapAsync(NpgsqlConnection conn, RecommendationSnapshot snapshot, CancellationToken ct)
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
            foreach (var (model, lists) in new[] { (ModelRecompute.BoughtTogetherModel, snapshot.BoughtTogether), (ModelRecompute.SimilarModel, snapshot.Similar) })
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

    public static async Task RecordRunAsync(NpgsqlConnection conn, RecomputeResult result, CancellationToken ct)
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
