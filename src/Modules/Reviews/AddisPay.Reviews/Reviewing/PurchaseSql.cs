using AddisPay.Reviews.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Reviews.Reviewing;

/// <summary>
/// Writing a review and recording a purchase of the same customer take this lock first. Without it, a
/// review written while the payment commits could miss the purchase, and the purchase miss the review
/// (neither sees the other's uncommitted row), leaving a real buyer unverified.
/// </summary>
internal static class PurchaseLock
{
    public const string Sql = "select pg_advisory_xact_lock(hashtextextended('reviews.purchases:' || @customer::text, 0))";

    public static Task TakeAsync(ReviewsDbContext db, Guid customerId, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(Sql, [new NpgsqlParameter("customer", customerId)], ct);
}
