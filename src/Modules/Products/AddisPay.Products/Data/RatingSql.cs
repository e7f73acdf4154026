namespace AddisPay.Products.Data;

/// <summary>
/// The upsert of <c>products.ratings</c> (mapped by <see cref="ProductsDbContext"/> as <c>ProductRating</c>): the latest
/// summary Reviews sent, kept only for a product that exists, in one statement. EF Core has no upsert; a read and a save
/// would be two round trips per event. No benchmark measured it.
/// </summary>
internal static class RatingSql
{
    private const string Show = """
        insert into products.ratings ("ProductId", "Average", "Count")
        select @id, @average, @count where exists (select 1 from products.products where "Id" = @id)
        on conflict ("ProductId") do update set "Average" = excluded."Average", "Count" = excluded."Count"
        """;

    public static async Task ShowAsync(ModuleWork<ProductsDbContext> work, Guid productId, decimal? average, int count, CancellationToken ct)
    {
        await using var cmd = work.Command(Show);
        cmd.Parameters.AddWithValue("id", productId);
        cmd.Parameters.AddWithValue("average", (object?)average ?? DBNull.Value);
        cmd.Parameters.AddWithValue("count", count);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
