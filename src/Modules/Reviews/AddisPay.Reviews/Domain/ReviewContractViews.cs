using AddisPay.Reviews.Contracts;

namespace AddisPay.Reviews.Domain;

/// <summary>
/// A review as other modules see it through Contracts: a back office's moderator with its open reports (oldest first), a
/// shop front's shopper as their own review.
/// </summary>
internal static class ReviewContractViews
{
    public static async Task<ILookup<Guid, ReviewReportView>> ReportsOfAsync(ReviewsDbContext db, List<Guid> ids, CancellationToken ct) =>
        (await db.Reports.AsNoTracking().Where(r => ids.Contains(r.ReviewId) && r.ResolvedAt == null).OrderBy(r => r.At).ToListAsync(ct))
            .ToLookup(r => r.ReviewId, r => new ReviewReportView(r.Reason, r.Note, r.At));

    public static ReviewToModerate Item(Review r, IEnumerable<ReviewReportView> reports) =>
        new(r.Id, r.ProductId, r.AuthorId, r.Rating, r.Title, r.Text, r.Language, r.Status.ToString().ToLowerInvariant(), reports.ToList(),
            r.UpdatedAt, r.ModeratedAt, r.ModeratedBy, r.HiddenReason);

    public static ShopperReview ToShopper(this ReviewView r) =>
        new(r.Id, r.ProductId, r.Rating, r.Title, r.Text, r.Language, r.Status.ToString().ToLowerInvariant(), r.VerifiedPurchase, r.UpdatedAt);
}
