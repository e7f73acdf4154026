using AddisPay.Reviews.Contracts;

namespace AddisPay.Reviews.ExportReviews;

/// <summary>
/// A customer's reviews, votes, reports and verifying purchases as their data export carries them (deletion:
/// Erasure/EraseReviewsOfDeletedUser).
/// </summary>
internal sealed class ExportReviewsOfCustomer(ReviewsDbContext db) : IQueryHandler<ExportReviewsOf, ReviewsExport>
{
    public async ValueTask<ReviewsExport> Handle(ExportReviewsOf query, CancellationToken ct)
    {
        var user = query.UserId;
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.AuthorId == user).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct);
        var votes = await db.HelpfulVotes.AsNoTracking().Where(v => v.VoterId == user).OrderBy(v => v.At).ThenBy(v => v.ReviewId).ToListAsync(ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.ReporterId == user).OrderBy(r => r.At).ThenBy(r => r.ReviewId).ToListAsync(ct);
        var purchases = await db.Purchases.AsNoTracking().Where(p => p.CustomerId == user).OrderBy(p => p.PurchasedAt).ThenBy(p => p.ProductId).ToListAsync(ct);
        return new ReviewsExport(
            reviews.Select(r => new ExportedReview(r.Id, r.ProductId, r.Rating, r.Title, r.Text, r.Language, r.Status.ToString().ToLowerInvariant(),
                r.VerifiedPurchase, r.HelpfulCount, r.CreatedAt, r.UpdatedAt)).ToList(),
            votes.Select(v => new ExportedHelpfulVote(v.ReviewId, v.At)).ToList(),
            reports.Select(r => new ExportedReport(r.ReviewId, r.Reason, r.Note, r.At)).ToList(),
            purchases.Select(p => new ExportedVerifiedPurchase(p.ProductId, p.OrderId, p.PurchasedAt)).ToList());
    }
}
