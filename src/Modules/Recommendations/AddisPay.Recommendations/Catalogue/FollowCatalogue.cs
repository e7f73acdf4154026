using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Recommendations.Catalogue;

/// <summary>
/// The few catalogue facts recommendations need (category, brand, whether it can be sold), kept from Products'
/// events so serving never calls Products. Sellable = not archived and at least one SKU not depleted.
/// </summary>
internal sealed class FollowCatalogue :
    IIntegrationEventHandler<ProductPublished>, IIntegrationEventHandler<ProductUpdated>, IIntegrationEventHandler<ProductArchived>,
    IIntegrationEventHandler<StockDepleted>, IIntegrationEventHandler<StockReplenished>
{
    public Task HandleAsync(ProductPublished e, IntegrationEventContext ctx, CancellationToken ct) => ExecuteAsync(ctx, """
        insert into recommendations.products ("ProductId", "Slug", "Name", "NameAm", "Brand", "Category", "Archived", "SkuCount", "DepletedSkus")
        values (@id, @slug, @name, @nameAm, @brand, @category, false, @skuCount, @depleted)
        on conflict ("ProductId") do update set "Slug" = excluded."Slug", "Name" = excluded."Name", "NameAm" = excluded."NameAm",
            "Brand" = excluded."Brand", "Category" = excluded."Category", "Archived" = false, "SkuCount" = excluded."SkuCount",
            "DepletedSkus" = excluded."DepletedSkus"
        """, ct, ("id", e.ProductId), ("slug", e.Slug), ("name", e.Name), ("nameAm", e.NameAm), ("brand", e.Brand), ("category", Leaf(e.Category)),
        ("skuCount", e.Variants.Count), ("depleted", e.Variants.Where(v => v.Available <= 0).Select(v => v.Sku).ToArray()));

    public Task HandleAsync(ProductUpdated e, IntegrationEventContext ctx, CancellationToken ct) => ExecuteAsync(ctx, """
        update recommendations.products set "Slug" = @slug, "Name" = @name, "NameAm" = @nameAm, "Brand" = @brand, "Category" = @category
         where "ProductId" = @id
        """, ct, ("id", e.ProductId), ("slug", e.Slug), ("name", e.Name), ("nameAm", e.NameAm), ("brand", e.Brand), ("category", Leaf(e.Category)));

    public Task HandleAsync(ProductArchived e, IntegrationEventContext ctx, CancellationToken ct) => ExecuteAsync(ctx,
        """update recommendations.products set "Archived" = true where "ProductId" = @id""", ct, ("id", e.ProductId));

    public Task HandleAsync(StockDepleted e, IntegrationEventContext ctx, CancellationToken ct) => ExecuteAsync(ctx, """
        update recommendations.products set "DepletedSkus" = array_append(array_remove("DepletedSkus", @sku), @sku) where "ProductId" = @id
        """, ct, ("id", e.ProductId), ("sku", e.Sku));

    public Task HandleAsync(StockReplenished e, IntegrationEventContext ctx, CancellationToken ct) => ExecuteAsync(ctx,
        """update recommendations.products set "DepletedSkus" = array_remove("DepletedSkus", @sku) where "ProductId" = @id""", ct,
        ("id", e.ProductId), ("sku", e.Sku));

    /// <summary>The most specific category: "similar" and per-category popularity mean the same shelf.</summary>
    private static string? Leaf(CategoryPath? path) => path?.Slugs.LastOrDefault();

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
