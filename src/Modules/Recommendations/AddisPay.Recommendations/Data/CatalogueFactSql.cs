using NpgsqlTypes;

namespace AddisPay.Recommendations.Data;

/// <summary>
/// The catalogue facts kept from Products' events (<c>recommendations.products</c>): category, brand, whether it can be
/// sold. The module keeps its data with SQL by design (docs/architecture.md); no benchmark measured these.
/// </summary>
internal static class CatalogueFactSql
{
    public static Task PublishedAsync(IntegrationEventContext ctx, Guid productId, string slug, string name, string nameAm, string? brand, string? category,
        int skuCount, string[] depletedSkus, CancellationToken ct) => ExecuteAsync(ctx, """
        insert into recommendations.products ("ProductId", "Slug", "Name", "NameAm", "Brand", "Category", "Archived", "SkuCount", "DepletedSkus")
        values (@id, @slug, @name, @nameAm, @brand, @category, false, @skuCount, @depleted)
        on conflict ("ProductId") do update set "Slug" = excluded."Slug", "Name" = excluded."Name", "NameAm" = excluded."NameAm",
            "Brand" = excluded."Brand", "Category" = excluded."Category", "Archived" = false, "SkuCount" = excluded."SkuCount",
            "DepletedSkus" = excluded."DepletedSkus"
        """, ct, ("id", productId), ("slug", slug), ("name", name), ("nameAm", nameAm), ("brand", brand), ("category", category),
        ("skuCount", skuCount), ("depleted", depletedSkus));

    public static Task UpdatedAsync(IntegrationEventContext ctx, Guid productId, string slug, string name, string nameAm, string? brand, string? category,
        CancellationToken ct) => ExecuteAsync(ctx, """
        update recommendations.products set "Slug" = @slug, "Name" = @name, "NameAm" = @nameAm, "Brand" = @brand, "Category" = @category
         where "ProductId" = @id
        """, ct, ("id", productId), ("slug", slug), ("name", name), ("nameAm", nameAm), ("brand", brand), ("category", category));

    public static Task ArchivedAsync(IntegrationEventContext ctx, Guid productId, CancellationToken ct) => ExecuteAsync(ctx,
        """update recommendations.products set "Archived" = true where "ProductId" = @id""", ct, ("id", productId));

    public static Task DepletedAsync(IntegrationEventContext ctx, Guid productId, string sku, CancellationToken ct) => ExecuteAsync(ctx, """
        update recommendations.products set "DepletedSkus" = array_append(array_remove("DepletedSkus", @sku), @sku) where "ProductId" = @id
        """, ct, ("id", productId), ("sku", sku));

    public static Task ReplenishedAsync(IntegrationEventContext ctx, Guid productId, string sku, CancellationToken ct) => ExecuteAsync(ctx,
        """update recommendations.products set "DepletedSkus" = array_remove("DepletedSkus", @sku) where "ProductId" = @id""", ct,
        ("id", productId), ("sku", sku));

    private static async Task ExecuteAsync(IntegrationEventContext ctx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, ctx.Connection, ctx.Transaction);
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(value is string[] array
                ? new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = array }
                : value is string or null ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = value ?? DBNull.Value }
                : new NpgsqlParameter(name, value));
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
