namespace AddisPay.Reviews.GetShopperReviews;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Reviews.Contracts;

internal sealed class GetShopperReviewsHandler(ReviewsDbContext db) : IQueryHandler<GetShopperReviews, IReadOnlyList<ShopperReview>>
{
    public async ValueTask<IReadOnlyList<ShopperReview>> Handle(GetShopperReviews query, CancellationToken ct)
    {
        if (query.ProductIds.Count is 0 or > 100) return [];
        var ids = query.ProductIds.Distinct().ToList();
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.AuthorId == query.AuthorId && ids.Contains(r.ProductId)).ToListAsync(ct);
        return reviews.Select(r => ReviewView.From(r).ToShopper()).ToList();
    }
}
