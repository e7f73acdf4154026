using Npgsql;
using NpgsqlTypes;
using AddisPay.Products.Domain;

namespace AddisPay.Products.Data;

/// <summary>
/// The shop's list page in the newest order without a count (keyset pages, <c>after</c>, and numbered pages with
/// <c>count=false</c>): one prepared statement that takes the page's ids from the (Status, PublishedAt, Id) index, starting
/// at the cursor with a row comparison <c>("PublishedAt", "Id") &lt; (@at, @id)</c>, and only then joins category, rating
/// and variants to those 20 rows, read straight into the model <see cref="ProductsDbContext"/> maps.
/// EF Core's query for the same page (three Includes) was planned on every request (unprepared, ~2 ms of a ~3 ms page at
/// 100,000 products) and joined the variants to a subquery whose OR-shaped cursor filter the index could only bound on one
/// column; see docs/benchmarks.md, "List pages". Other orders and the price and stock filters stay on EF Core.
/// </summary>
internal static class ListingSql
{
    private const string Columns = """
        p."Id", p."Slug", p."Name", p."NameAm", p."Description", p."DescriptionAm", p."Brand", p."CategoryId", p."Images", p."Attributes",
        p."Status", p."CreatedAt", p."UpdatedAt", p.xmin, c."Slug", c."Name", c."NameAm", r."Average", r."Count",
        v."Sku", v."Options", v."PriceEtb", v."OnHand", v."Reserved", p."PublishedAt"
        """;

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
            select {Columns}
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
        var products = new List<Product>(take);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        Product? product = null;
        while (await r.ReadAsync(ct))
        {
            var id = r.GetGuid(0);
            if (product?.Id != id)
            {
                product = new Product
                {
                    Id = id, Slug = r.GetString(1), Name = r.GetString(2), NameAm = r.GetString(3),
                    Description = r.IsDBNull(4) ? null : r.GetString(4), DescriptionAm = r.IsDBNull(5) ? null : r.GetString(5),
                    Brand = r.IsDBNull(6) ? null : r.GetString(6), CategoryId = r.IsDBNull(7) ? null : r.GetGuid(7),
                    Images = [.. r.GetFieldValue<string[]>(8)], Attributes = Json.Converter.ConvertFromProviderTyped(r.GetString(9)),
                    Status = Enum.Parse<ProductStatus>(r.GetString(10)), CreatedAt = r.GetFieldValue<DateTimeOffset>(11),
                    UpdatedAt = r.GetFieldValue<DateTimeOffset>(12), Version = r.GetFieldValue<uint>(13),
                    Category = r.IsDBNull(7) || r.IsDBNull(14) ? null
                        : new Category { Id = r.GetGuid(7), Slug = r.GetString(14), Name = r.GetString(15), NameAm = r.GetString(16) },
                    Rating = r.IsDBNull(18) ? null
                        : new ProductRating { ProductId = id, Average = r.IsDBNull(17) ? null : r.GetDecimal(17), Count = r.GetInt32(18) },
                    PublishedAt = r.IsDBNull(24) ? null : r.GetFieldValue<DateTimeOffset>(24)
                };
                products.Add(product);
            }
            if (!r.IsDBNull(19))
                product.Variants.Add(new Variant
                {
                    ProductId = id, Sku = r.GetString(19), Options = Json.Converter.ConvertFromProviderTyped(r.GetString(20)),
                    PriceEtb = r.GetDecimal(21), OnHand = r.GetInt32(22), Reserved = r.GetInt32(23)
                });
        }
        return products;
    }
}
