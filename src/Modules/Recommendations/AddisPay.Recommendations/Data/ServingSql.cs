using AddisPay.Recommendations.Contracts;
using NpgsqlTypes;

namespace AddisPay.Recommendations.Data;

/// <summary>
/// Serving's reads of the precomputed tables, joined with the catalogue facts (<c>recommendations.products</c>) so a
/// product archived or sold out since the last recompute disappears at once. The module keeps its data with SQL by design
/// (docs/architecture.md); no benchmark measured these.
/// </summary>
internal static class ServingSql
{
    private const string Columns = """p."ProductId", p."Slug", p."Name", p."NameAm", p."Brand", p."Category" """;

    // Never what they bought, nor what they rated 1–2 stars (at once, from the interaction) or what the last recompute
    // withheld with it (its close neighbours); a top-up from the popular list must not bring those back either.
    private const string NotBought = """
        not exists (select 1 from recommendations.interactions i where i."Subject" = @subject and i."ProductId" = p."ProductId" and i."Kind" in (3, 5))
        and not exists (select 1 from recommendations.withheld w where w."Subject" = @subject and w."ProductId" = p."ProductId")
        """;

    /// <summary>A product's sellable neighbours in <paramref name="model"/>, best first.</summary>
    public static Task<List<RecommendedProduct>> NeighboursAsync(NpgsqlConnection conn, short model, Guid productId, int limit, CancellationToken ct) =>
        ReadAsync(conn, $"""
            select {Columns}, n."Score" from recommendations.item_neighbours n
              join recommendations.products p on p."ProductId" = n."NeighbourId"
             where n."Model" = @model and n."ProductId" = @id and p."Sellable" and p."ProductId" <> @id
             order by n."Rank" limit @limit
            """, ct, ("model", model), ("id", productId), ("limit", limit));

    /// <summary>The product's category as last heard from Products; null when unknown or uncategorised.</summary>
    public static async Task<string?> CategoryOfAsync(NpgsqlConnection conn, Guid productId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""select "Category" from recommendations.products where "ProductId" = @id""", conn);
        cmd.Parameters.AddWithValue("id", productId);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>A customer's personal list, sellable and not bought or disliked, by rank.</summary>
    public static Task<List<RecommendedProduct>> PersonalAsync(NpgsqlConnection conn, Guid userId, string subject, int limit, CancellationToken ct) =>
        ReadAsync(conn, $"""
            select {Columns}, r."Score" from recommendations.user_recommendations r
              join recommendations.products p on p."ProductId" = r."ProductId"
             where r."UserId" = @user and p."Sellable" and {NotBought}
             order by r."Rank" limit @limit
            """, ct, ("user", userId), ("subject", subject), ("limit", limit));

    /// <summary>
    /// The popular lists of <paramref name="categories"/> in that order ("" is the whole shop), sellable, without
    /// <paramref name="exclude"/> and, for a <paramref name="subject"/>, without what they bought or disliked.
    /// </summary>
    public static Task<List<RecommendedProduct>> PopularAsync(NpgsqlConnection conn, string[] categories, Guid[] exclude, string? subject, int limit,
        CancellationToken ct) =>
        ReadAsync(conn, $"""
            select {Columns}, pop."Score" from recommendations.popular pop
              join recommendations.products p on p."ProductId" = pop."ProductId"
             where pop."Category" = any(@categories) and p."Sellable" and p."ProductId" <> all(@exclude)
               and (@subject::text is null or {NotBought})
             order by array_position(@categories, pop."Category"), pop."Rank" limit @limit
            """, ct, ("categories", categories), ("exclude", exclude), ("subject", subject), ("limit", limit));

    private static async Task<List<RecommendedProduct>> ReadAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(value switch
            {
                string[] a => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = a },
                Guid[] g => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = g },
                null => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
                _ => new NpgsqlParameter(name, value)
            });
        var list = new List<RecommendedProduct>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new RecommendedProduct(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetDouble(6)));
        return list;
    }
}
