using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Products.Data;

/// <summary>
/// The shop's list page in the newest order without a count (keyset pages, <c>after</c>, and numbered pages with
/// <c>count=false</c>): one prepared statement that takes the page's ids from the (Status, PublishedAt, Id) index, starting
/// at the cursor with a row comparison <c>("PublishedAt", "Id") &lt; (@at, @id)</c>, and only then joins category, rating
/// and variants to those 20 rows, read by <see cref="ProductRows"/>.
/// EF Core's query for the same page (three Includes) was planned on every request (unprepared, ~2 ms of a ~3 ms page at
/// 100,000 products) and joined the variants to a subquery whose OR-shaped cursor filter the index could only bound on one
/// column; see docs/benchmarks.md, "List pages". Other orders and the price and stock filters stay on EF Core.
/// </summary>
internal static class ListingSql
{
    /// <summary>Whether the page can be read here: the newest order, filtered at most by brand and category.</summary>
    public static bool Serves(string sort, decimal? minPrice, decimal? maxPrice, bool? inStock) =>
        sort == "newest" && minPrice is null && maxPrice is null && inStock != true;

    /// <summary>The statement for a page: with or without a cursor, a brand and categories (a few texts, each prepared once per connection).</summary>
    internal static string Statement(bool after, bool brand, bool categories)
    {
        var where = new List<string> { "p.\"Status\" = 'Published'" };
        if (after) where.Add("(p.\"PublishedAt\", p.\"Id\") < (@at, @id)");
        if (brand) where.Add("p.\"Brand\" = @brand");
        if (categories) where.Add("p.\"CategoryId\" = any(@categories)");
        return $"""
            with page as (
              select p."Id", p."PublishedAt" from products.products p
               where {string.Join(" and ", where)}
               order by p."PublishedAt" desc, p."Id" desc
               limit @take offset @skip)
            select {ProductRows.Columns}
              from page
              join products.products p on p."Id" = page."Id"
              left join products.categories c on c."Id" = p."CategoryId"
              left join products.ratings r on r."ProductId" = p."Id"
              left join products.variants v on v."ProductId" = p."Id"
             order by page."PublishedAt" desc, page."Id" desc
            """;
    }

    /// <summary>
    /// Published products, newest first, from <paramref name="after"/> (or skipping <paramref name="skip"/>), at most
    /// <paramref name="take"/>; <paramref name="categories"/> null for every category.
    /// </summary>
    public static async Task<List<Product>> PageAsync(NpgsqlConnection conn, ListingCursor? after, string? brand, IReadOnlyList<Guid>? categories,
        int skip, int take, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Statement(after is not null, brand is not null, categories is not null), conn);
        if (after is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", NpgsqlDbType.TimestampTz) { TypedValue = after.PublishedAt!.Value });
            cmd.Parameters.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = after.Id });
        }
        if (brand is not null) cmd.Parameters.Add(new NpgsqlParameter<string>("brand", NpgsqlDbType.Text) { TypedValue = brand });
        if (categories is not null) cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("categories", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = [.. categories] });
        cmd.Parameters.Add(new NpgsqlParameter<int>("take", NpgsqlDbType.Integer) { TypedValue = take });
        cmd.Parameters.Add(new NpgsqlParameter<int>("skip", NpgsqlDbType.Integer) { TypedValue = skip });
        await cmd.PrepareAsync(ct); // a no-op once this physical connection has it
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await ProductRows.ReadAsync(r, take, ct);
    }
}
