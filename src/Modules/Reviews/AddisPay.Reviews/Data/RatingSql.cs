namespace AddisPay.Reviews.Data;

/// <summary>
/// The lock on a product's rating summary (<c>reviews.product_ratings</c>, mapped by <see cref="ReviewsDbContext"/>): an
/// upsert that always updates, so it takes the row lock whether or not the row existed (EF Core has neither upserts nor
/// <c>for update</c>). No benchmark: the lock keeps the summary exact (see <see cref="ProductRatings"/>).
/// </summary>
internal static class RatingSql
{
    public static Task LockAsync(ReviewsDbContext db, Guid productId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            insert into reviews.product_ratings ("ProductId", "ReviewCount", "OneStar", "TwoStars", "ThreeStars", "FourStars", "FiveStars", "UpdatedAt")
            values ({productId}, 0, 0, 0, 0, 0, 0, now())
            on conflict ("ProductId") do update set "ProductId" = excluded."ProductId"
            """, ct);
}
