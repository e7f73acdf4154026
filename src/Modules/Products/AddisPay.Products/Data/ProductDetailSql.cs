using Npgsql;

namespace AddisPay.Products.Data;

/// <summary>
/// Product detail, the hottest read of a shop: one prepared statement (product, category, rating and variants joined, a
/// row per variant) read by <see cref="ProductRows"/>. Npgsql keeps the statement prepared on
/// each physical connection, so PostgreSQL plans it once per connection instead of on every request as it does for EF
/// Core's unprepared statements (planning the four-table join cost more than running it): see docs/benchmarks.md,
/// Catalogue and search at 100,000 products ("product detail is one prepared statement").
/// </summary>
internal static class ProductDetailSql
{
    private const string Select = $"""
        select {ProductRows.Columns}
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
        await using var cmd = new NpgsqlCommand(byId ? ById : BySlug, conn);
        cmd.Parameters.Add(byId ? new NpgsqlParameter<Guid> { TypedValue = id } : new NpgsqlParameter<string> { TypedValue = idOrSlug });
        await cmd.PrepareAsync(ct); // a no-op once this physical connection has it
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return (await ProductRows.ReadAsync(r, 1, ct)).SingleOrDefault();
    }
}
