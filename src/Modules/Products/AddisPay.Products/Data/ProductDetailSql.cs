using Npgsql;
using AddisPay.Products.Domain;

namespace AddisPay.Products.Data;

/// <summary>
/// Product detail, the hottest read of a shop: one prepared statement (product, category, rating and variants joined, a
/// row per variant) read straight into the model <see cref="ProductsDbContext"/> maps. Npgsql keeps the statement prepared on
/// each physical connection, so PostgreSQL plans it once per connection instead of on every request as it does for EF
/// Core's unprepared statements (planning the four-table join cost more than running it): see docs/benchmarks.md,
/// Catalogue and search at 100,000 products ("product detail is one prepared statement").
/// </summary>
internal static class ProductDetailSql
{
    private const string Select = """
        select p."Id", p."Slug", p."Name", p."NameAm", p."Description", p."DescriptionAm", p."Brand", p."CategoryId", p."Images", p."Attributes",
               p."Status", p."CreatedAt", p."UpdatedAt", p.xmin, c."Slug", c."Name", c."NameAm", r."Average", r."Count",
               v."Sku", v."Options", v."PriceEtb", v."OnHand", v."Reserved"
          from products.products p
          left join products.categories c on c."Id" = p."CategoryId"
          left join products.ratings r on r."ProductId" = p."Id"
          left join products.variants v on v."ProductId" = p."Id"
        """;

    private const string ById = Select + """ where p."Id" = $1""";
    private const string BySlug = Select + """ where p."Slug" = $1""";

    /// <summary>The product by id (a Guid) or slug, with its category, rating and variants; null when there is none.</summary>
    public static async Task<Product?> FindAsync(NpgsqlConnection conn, string idOrSlug, CancellationToken ct)
    {
        var byId = Guid.TryParse(idOrSlug, out var id);
        Product? product = null;
        await using var cmd = new NpgsqlCommand(byId ? ById : BySlug, conn);
        cmd.Parameters.Add(byId ? new NpgsqlParameter<Guid> { TypedValue = id } : new NpgsqlParameter<string> { TypedValue = idOrSlug });
        await cmd.PrepareAsync(ct); // a no-op once this physical connection has it
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            product ??= new Product
            {
                Id = r.GetGuid(0), Slug = r.GetString(1), Name = r.GetString(2), NameAm = r.GetString(3),
                Description = r.IsDBNull(4) ? null : r.GetString(4), DescriptionAm = r.IsDBNull(5) ? null : r.GetString(5),
                Brand = r.IsDBNull(6) ? null : r.GetString(6), CategoryId = r.IsDBNull(7) ? null : r.GetGuid(7),
                Images = [.. r.GetFieldValue<string[]>(8)], Attributes = Json.Converter.ConvertFromProviderTyped(r.GetString(9)),
                Status = Enum.Parse<ProductStatus>(r.GetString(10)), CreatedAt = r.GetFieldValue<DateTimeOffset>(11),
                UpdatedAt = r.GetFieldValue<DateTimeOffset>(12), Version = r.GetFieldValue<uint>(13),
                Category = r.IsDBNull(7) || r.IsDBNull(14) ? null
                    : new Category { Id = r.GetGuid(7), Slug = r.GetString(14), Name = r.GetString(15), NameAm = r.GetString(16) },
                Rating = r.IsDBNull(18) ? null
                    : new ProductRating { ProductId = r.GetGuid(0), Average = r.IsDBNull(17) ? null : r.GetDecimal(17), Count = r.GetInt32(18) }
            };
            if (!r.IsDBNull(19))
                product.Variants.Add(new Variant
                {
                    ProductId = product.Id, Sku = r.GetString(19), Options = Json.Converter.ConvertFromProviderTyped(r.GetString(20)),
                    PriceEtb = r.GetDecimal(21), OnHand = r.GetInt32(22), Reserved = r.GetInt32(23)
                });
        }
        return product;
    }
}
