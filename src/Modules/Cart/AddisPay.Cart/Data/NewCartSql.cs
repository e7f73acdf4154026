using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Cart.Data;

/// <summary>
/// A new cart's document written by one plain insert: the row Marten's session writes (the read-back test compares the two
/// column by column), without the transaction Marten opens around every save. A single insert is atomic by itself, so a new
/// cart costs one statement instead of BEGIN, insert, COMMIT (docs/benchmarks.md, checkout statements).
/// </summary>
internal static class NewCartSql
{
    public static async Task InsertAsync(ICartStore store, Domain.Cart cart, CancellationToken ct)
    {
        await using var conn = store.Storage.Database.CreateConnection();
        await conn.OpenAsync(ct);
        await using var insert = new NpgsqlCommand($"""
            insert into {store.Options.DatabaseSchemaName}.mt_doc_cart (id, data, mt_version, mt_dotnet_type, mt_last_modified, last_active_at, product_ids)
            values (@id, @data, @version, @type, transaction_timestamp(), @lastActiveAt, @productIds)
            """, conn);
        insert.Parameters.AddWithValue("id", cart.Id);
        insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Jsonb) { Value = store.Options.Serializer().ToJson(cart) });
        // The version optimistic concurrency checks the next save against, as Marten gives a new document.
        insert.Parameters.AddWithValue("version", Guid.NewGuid());
        insert.Parameters.AddWithValue("type", typeof(Domain.Cart).FullName!);
        insert.Parameters.AddWithValue("lastActiveAt", cart.LastActiveAt);
        insert.Parameters.Add(new NpgsqlParameter("productIds", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = cart.ProductIds });
        await insert.ExecuteNonQueryAsync(ct);
    }
}
