using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.Reviews.ArchivedProducts;

/// <summary>
/// An archived product is no longer sold and cannot be published again, so its reviews leave the public listing.
/// The reviews themselves stay (their authors still see them under /mine) and so does the rating summary, which
/// order history and old links may still show.
/// </summary>
internal sealed class HideReviewsOfArchivedProducts(ModuleWork<AddisPay.Reviews.Data.ReviewsDbContext> work) : IIntegrationEventHandler<ProductArchived>
{
    public async Task HandleAsync(ProductArchived e, IntegrationEventContext context, CancellationToken ct)
    {
        await using var cmd = work.Command("""
            insert into reviews.archived_products ("ProductId", "ArchivedAt") values (@id, @at) on conflict do nothing
            """);
        cmd.Parameters.AddWithValue("id", e.ProductId);
        cmd.Parameters.AddWithValue("at", e.OccurredAt);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
