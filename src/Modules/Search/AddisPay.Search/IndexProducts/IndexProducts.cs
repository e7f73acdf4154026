using AddisPay.Products.Contracts;
using Prometheus;

namespace AddisPay.Search.IndexProducts;

/// <summary>
/// Keeps the search documents (and the entries, numbers and words derived from them, see <see cref="DocumentSql"/>)
/// in step with Products' events, inside the inbox transaction (so each event applies once, in order per product).
/// </summary>
internal sealed class IndexProducts :
    IIntegrationEventHandler<ProductPublished>, IIntegrationEventHandler<ProductUpdated>, IIntegrationEventHandler<ProductArchived>,
    IIntegrationEventHandler<ProductPriceChanged>, IIntegrationEventHandler<StockDepleted>, IIntegrationEventHandler<StockReplenished>,
    IIntegrationEventHandler<CategoryChanged>
{
    private static readonly Histogram IndexDelay = Metrics.CreateHistogram("addispay_search_index_delay_seconds",
        "Time from a product change in Products to its visibility in search.",
        new HistogramConfiguration { Buckets = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });

    public Task HandleAsync(ProductPublished e, IntegrationEventContext ctx, CancellationToken ct) =>
        Observe(e.OccurredAt, DocumentSql.UpsertAsync(ctx.Connection, ctx.Transaction, e, ct));

    public Task HandleAsync(ProductUpdated e, IntegrationEventContext ctx, CancellationToken ct) => Observe(e.OccurredAt, DocumentSql.UpdatedAsync(ctx, e, ct));

    public Task HandleAsync(ProductArchived e, IntegrationEventContext ctx, CancellationToken ct) => DocumentSql.ArchivedAsync(ctx, e.ProductId, ct);

    public Task HandleAsync(CategoryChanged e, IntegrationEventContext ctx, CancellationToken ct) => DocumentSql.CategoryChangedAsync(ctx, e, ct);

    public Task HandleAsync(ProductPriceChanged e, IntegrationEventContext ctx, CancellationToken ct) =>
        Observe(e.OccurredAt, DocumentSql.PriceChangedAsync(ctx, e.ProductId, e.Sku, e.NewPriceEtb, ct));

    /// <summary>
    /// Search shows only whether a product is in stock, so it follows the moments a variant runs out and comes back, not
    /// every change of quantity: each sale and reservation of a popular product would otherwise pass through Search's
    /// inbox. A variant's Available is the count when it was published or last came back, read only as "more than zero".
    /// </summary>
    public Task HandleAsync(StockDepleted e, IntegrationEventContext ctx, CancellationToken ct) =>
        Observe(e.OccurredAt, DocumentSql.AvailableAsync(ctx, e.ProductId, e.Sku, 0, ct));

    public Task HandleAsync(StockReplenished e, IntegrationEventContext ctx, CancellationToken ct) =>
        Observe(e.OccurredAt, DocumentSql.AvailableAsync(ctx, e.ProductId, e.Sku, e.Available, ct));

    private static async Task Observe(DateTimeOffset changedAt, Task work)
    {
        await work;
        IndexDelay.Observe(Math.Max(0, (DateTimeOffset.UtcNow - changedAt).TotalSeconds));
    }
}
