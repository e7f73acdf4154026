using AddisPay.Reviews.Contracts;
using AddisPay.Search.Index;
using AddisPay.Shared.Events;
using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Search.Indexing;

/// <summary>
/// Takes each product's latest rating from Reviews into the index (filter, facet and sort by rating). The event
/// carries the whole summary and the inbox applies events in order, so the last one wins.
/// </summary>
internal sealed class IndexRatings : IIntegrationEventHandler<ProductRatingChanged>
{
    public async Task HandleAsync(ProductRatingChanged e, IntegrationEventContext ctx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            insert into search.ratings ("ProductId", "Rating", "RatingCount", "UpdatedAt") values (@id, @rating, @count, now())
            on conflict ("ProductId") do update set "Rating" = excluded."Rating", "RatingCount" = excluded."RatingCount", "UpdatedAt" = now();
            update search.documents set "Rating" = @rating, "RatingCount" = @count, "IndexedAt" = now() where "ProductId" = @id;
            {SearchEntries.SyncNumbers}
            """, ctx.Connection, ctx.Transaction);
        cmd.Parameters.AddWithValue("id", e.ProductId);
        cmd.Parameters.Add(new NpgsqlParameter("rating", NpgsqlDbType.Numeric) { Value = (object?)e.Average ?? DBNull.Value });
        cmd.Parameters.AddWithValue("count", e.Count);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
