using AddisPay.Reviews.Contracts;

namespace AddisPay.Reviews.Domain;

/// <summary>
/// Keeps each product's rating summary exact: every change to a product's reviews first locks the product's
/// summary row, then recounts the published reviews inside the same transaction. The lock makes concurrent
/// changes recount one after another (no lost update) and publish their events in commit order; taking it
/// first, always, keeps the lock order the same everywhere (no deadlock with a review row).
/// </summary>
internal static class ProductRatings
{
    public static async Task LockAsync(ReviewsDbContext db, Guid productId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Lock a product's ratings inside a transaction.");
        await RatingSql.LockAsync(db, productId, ct);
    }

    /// <summary>
    /// Saves pending changes, recounts the product's published reviews and returns the event to publish,
    /// or null when the summary did not change (an edited title, a vote).
    /// </summary>
    public static async Task<ProductRatingChanged?> RefreshAsync(ReviewsDbContext db, Guid productId, DateTimeOffset now, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var stars = await db.Reviews.Where(r => r.ProductId == productId && r.Status == ReviewStatus.Published)
            .GroupBy(r => r.Rating).Select(g => new { Stars = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Stars, x => x.Count, ct);
        var d = new RatingDistribution(stars.GetValueOrDefault(1), stars.GetValueOrDefault(2), stars.GetValueOrDefault(3),
            stars.GetValueOrDefault(4), stars.GetValueOrDefault(5));
        var row = await db.ProductRatings.SingleAsync(r => r.ProductId == productId, ct);
        if (Of(row) == d) return null;
        row.OneStar = d.OneStar;
        row.TwoStars = d.TwoStars;
        row.ThreeStars = d.ThreeStars;
        row.FourStars = d.FourStars;
        row.FiveStars = d.FiveStars;
        row.ReviewCount = d.Count;
        row.Average = d.Average;
        row.UpdatedAt = now;
        return new ProductRatingChanged(productId, d.Average, d.Count, d);
    }

    /// <summary>What a review says about its product as shoppers see it: its stars when published, otherwise nothing (0).</summary>
    public static int Shown(Review r) => r.Status == ReviewStatus.Published ? r.Rating : 0;

    /// <summary>
    /// The events of one change: the summary when it moved, and the author's rating when what the review shows
    /// (<paramref name="shownBefore"/>, see <see cref="Shown"/>) changed. <paramref name="deleted"/>: the review is gone.
    /// </summary>
    public static List<IntegrationEvent> Events(ProductRatingChanged? changed, Review review, int shownBefore, bool deleted = false)
    {
        var events = new List<IntegrationEvent>();
        if (changed is not null) events.Add(changed);
        var shown = deleted ? 0 : Shown(review);
        if (shown != shownBefore) events.Add(new ProductRated(review.Id, review.ProductId, review.AuthorId, review.Rating, shown > 0));
        return events;
    }

    public static RatingDistribution Of(ProductRating row) => new(row.OneStar, row.TwoStars, row.ThreeStars, row.FourStars, row.FiveStars);
}
