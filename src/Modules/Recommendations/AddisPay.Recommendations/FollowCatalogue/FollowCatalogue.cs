using AddisPay.Products.Contracts;

namespace AddisPay.Recommendations.FollowCatalogue;

/// <summary>
/// The few catalogue facts recommendations need (category, brand, whether it can be sold), kept from Products'
/// events so serving never calls Products. Sellable = not archived and at least one SKU not depleted.
/// </summary>
internal sealed class FollowCatalogue :
    IIntegrationEventHandler<ProductPublished>, IIntegrationEventHandler<ProductUpdated>, IIntegrationEventHandler<ProductArchived>,
    IIntegrationEventHandler<StockDepleted>, IIntegrationEventHandler<StockReplenished>
{
    public Task HandleAsync(ProductPublished e, IntegrationEventContext ctx, CancellationToken ct) => CatalogueFactSql.PublishedAsync(ctx, e.ProductId, e.Slug,
        e.Name, e.NameAm, e.Brand, Leaf(e.Category), e.Variants.Count, e.Variants.Where(v => v.Available <= 0).Select(v => v.Sku).ToArray(), ct);

    public Task HandleAsync(ProductUpdated e, IntegrationEventContext ctx, CancellationToken ct) =>
        CatalogueFactSql.UpdatedAsync(ctx, e.ProductId, e.Slug, e.Name, e.NameAm, e.Brand, Leaf(e.Category), ct);

    public Task HandleAsync(ProductArchived e, IntegrationEventContext ctx, CancellationToken ct) => CatalogueFactSql.ArchivedAsync(ctx, e.ProductId, ct);

    public Task HandleAsync(StockDepleted e, IntegrationEventContext ctx, CancellationToken ct) => CatalogueFactSql.DepletedAsync(ctx, e.ProductId, e.Sku, ct);

    public Task HandleAsync(StockReplenished e, IntegrationEventContext ctx, CancellationToken ct) => CatalogueFactSql.ReplenishedAsync(ctx, e.ProductId, e.Sku, ct);

    /// <summary>The most specific category: "similar" and per-category popularity mean the same shelf.</summary>
    private static string? Leaf(CategoryPath? path) => path?.Slugs.LastOrDefault();
}
