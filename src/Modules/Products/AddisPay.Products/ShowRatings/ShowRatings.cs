using AddisPay.Reviews.Contracts;

namespace AddisPay.Products.ShowRatings;

/// <summary>Keeps the latest rating summary of each product (Reviews sends the whole summary each time, in order per product).</summary>
internal sealed class ShowRatings(ModuleWork<AddisPay.Products.Data.ProductsDbContext> work) : IIntegrationEventHandler<ProductRatingChanged>
{
    public Task HandleAsync(ProductRatingChanged e, IntegrationEventContext context, CancellationToken ct) =>
        RatingSql.ShowAsync(work, e.ProductId, e.Average, e.Count, ct);
}
