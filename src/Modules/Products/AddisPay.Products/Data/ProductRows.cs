using Npgsql;

namespace AddisPay.Products.Data;

/// <summary>
/// The product rows that <see cref="ProductDetailSql"/> and <see cref="ListingSql"/> read straight into the model
/// <see cref="ProductsDbContext"/> maps: a product joined to its category (c), rating (r) and variants (v), one row per
/// variant. One column list and one reader, so a column added to the mapping is added to both statements at once; each
/// statement's read-back test compares what it reads with what EF Core reads.
/// </summary>
internal static class ProductRows
{
    /// <summary>The columns in the order <see cref="ReadAsync"/> expects, from tables aliased p, c, r and v.</summary>
    public const string Columns = """
        p."Id", p."Slug", p."Name", p."NameAm", p."Description", p."DescriptionAm", p."Brand", p."CategoryId", p."Images", p."Attributes",
        p."Status", p."CreatedAt", p."UpdatedAt", p.xmin, c."Slug", c."Name", c."NameAm", r."Average", r."Count",
        v."Sku", v."Options", v."PriceEtb", v."OnHand", v."Reserved", p."PublishedAt"
        """;

    /// <summary>The products of <paramref name="r"/> in the order read; a product's rows must follow one another.</summary>
    public static async Task<List<Product>> ReadAsync(NpgsqlDataReader r, int capacity, CancellationToken ct)
    {
        var products = new List<Product>(capacity);
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
