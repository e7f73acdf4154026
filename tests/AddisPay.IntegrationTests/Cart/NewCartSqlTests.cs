using AddisPay.Cart.Data;
using Marten;
using Npgsql;
using CartDocument = AddisPay.Cart.Domain.Cart;

namespace AddisPay.IntegrationTests.Cart;

/// <summary><see cref="NewCartSql"/> against the row Marten's own session writes for the same cart.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class NewCartSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_cart_inserted_by_its_statement_is_the_row_marten_writes_and_marten_saves_it_again_under_its_version()
    {
        var store = platform.Service<ICartStore>();
        var byMarten = CartDocument.Start();
        var bySql = CartDocument.Start();
        (bySql.CreatedAt, bySql.UpdatedAt, bySql.LastActiveAt) = (byMarten.CreatedAt, byMarten.UpdatedAt, byMarten.LastActiveAt);
        await using (var session = store.LightweightSession())
        {
            session.Insert(byMarten);
            await session.SaveChangesAsync();
        }

        await NewCartSql.InsertAsync(store, bySql, CancellationToken.None);

        var (martenRow, sqlRow) = (await RowAsync(store, byMarten.Id), await RowAsync(store, bySql.Id));
        Assert.Equal(martenRow with { Data = martenRow.Data.Replace(byMarten.Id.ToString(), bySql.Id.ToString()) }, sqlRow);
        // Loaded with its version, changed and saved by Marten's optimistic concurrency, as every later use case does.
        await using (var session = store.LightweightSession())
        {
            var loaded = await session.LoadAsync<CartDocument>(bySql.Id);
            Assert.NotNull(loaded);
            Assert.Equal((bySql.OwnerId, bySql.CreatedAt, bySql.LastActiveAt), (loaded.OwnerId, loaded.CreatedAt, loaded.LastActiveAt));
            loaded.Add(Guid.NewGuid(), "NEWCART-SQL-1", "Coffee", "ቡና", 450m, 2, 10);
            session.Update(loaded);
            await session.SaveChangesAsync();
        }
        await using (var session = store.QuerySession())
            Assert.Equal(2, (await session.LoadAsync<CartDocument>(bySql.Id))!.Lines.Single().Quantity);
    }

    private sealed record CartRow(string Data, string? DotNetType, DateTimeOffset? LastActiveAt, string? ProductIds, bool Versioned, bool Modified);

    private static async Task<CartRow> RowAsync(ICartStore store, Guid id)
    {
        await using var conn = store.Storage.Database.CreateConnection();
        await conn.OpenAsync();
        await using var read = new NpgsqlCommand($"""
            select data::text, mt_dotnet_type, last_active_at, product_ids, mt_version is not null, mt_last_modified is not null
              from {store.Options.DatabaseSchemaName}.mt_doc_cart where id = @id
            """, conn);
        read.Parameters.AddWithValue("id", id);
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return new CartRow(row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1), row.IsDBNull(2) ? null : row.GetFieldValue<DateTimeOffset>(2),
            row.IsDBNull(3) ? null : string.Join(',', row.GetFieldValue<Guid[]>(3)), row.GetBoolean(4), row.GetBoolean(5));
    }
}
