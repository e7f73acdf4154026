using AddisPay.Products.Contracts;
using Npgsql;


namespace AddisPay.Reviews.HideReviewsOfArchivedProducts;

/// <summary>
/// An archived product is no longer sold and cannot be published again, so its reviews leave the public listing.
/// The reviews themselves stay (their authors still see them under /mine) and so does the rating summary, which
/// order history and old links may still show.
/// </summary>
internal sealed class HideReviewsOfArchivedProducts(ModuleWork<AddisPay.Reviews.Data.ReviewsDbContext> work) : IIntegrationEventHandler<ProductArchived>
{
    public async Task HandleAsync(ProductArchived e, IntegrationEventContext context, CancellationToken ct)
    {
        await FeedbackSql.ArchiveProductAsync(work, e.ProductId, e.OccurredAt, ct);
    }
}
