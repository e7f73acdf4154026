using AddisPay.Reviews.Contracts;

namespace AddisPay.Search.IndexRatings;

/// <summary>
/// Takes each product's latest rating from Reviews into the index (filter, facet and sort by rating). The event
/// carries the whole summary and the inbox applies events in order, so the last one wins.
/// </summary>
internal sealed class IndexRatings : IIntegrationEventHandler<ProductRatingChanged>
{
    public Task HandleAsync(ProductRatingChanged e, IntegrationEventContext ctx, CancellationToken ct) =>
        DocumentSql.RatedAsync(ctx, e.ProductId, e.Average, e.Count, ct);
}
