using AddisPay.Reviews.Contracts;
using AddisPay.Users.Contracts;

namespace AddisPay.Reviews.EraseReviewsOfDeletedUser;

/// <summary>
/// A deleted account's reviews are removed, not anonymised: a review's own words are what identify its author
/// (names, places, circumstances), so stripping the author id would keep the personal data; and an authorless
/// review could no longer be a verified customer's opinion. Their helpful votes, reports and purchases go too,
/// with the counters they fed, and the affected products' ratings are republished in the same transaction.
/// </summary>
internal sealed class EraseReviewsOfDeletedUser(ModuleWork<ReviewsDbContext> work, TimeProvider clock) : IIntegrationEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted e, IntegrationEventContext context, CancellationToken ct)
    {
        var db = work.Db;
        var now = clock.GetUtcNow();
        var products = await db.Reviews.Where(r => r.AuthorId == e.UserId).Select(r => r.ProductId).Distinct().OrderBy(p => p).ToListAsync(ct);
        // Ratings rows first, in one order, like every other writer (see ProductRatings).
        foreach (var productId in products) await ProductRatings.LockAsync(db, productId, ct);

        await FeedbackSql.EraseVotesOfAsync(db, e.UserId, ct);
        await FeedbackSql.EraseReportsOfAsync(db, e.UserId, ct);
        // Their visible ratings are withdrawn too, so a subscriber that kept them per customer lets them go.
        var withdrawn = await db.Reviews.AsNoTracking().Where(r => r.AuthorId == e.UserId && r.Status == ReviewStatus.Published)
            .Select(r => new ProductRated(r.Id, r.ProductId, r.AuthorId, r.Rating, false)).ToListAsync(ct);
        await db.Purchases.Where(p => p.CustomerId == e.UserId).ExecuteDeleteAsync(ct);
        await db.Reviews.Where(r => r.AuthorId == e.UserId).ExecuteDeleteAsync(ct);

        var changes = new List<IntegrationEvent>(withdrawn);
        foreach (var productId in products)
            if (await ProductRatings.RefreshAsync(db, productId, now, ct) is { } changed) changes.Add(changed);
        work.Raise(changes);
    }
}
