using Mediator;

namespace AddisPay.Reviews.Contracts;

/// <summary>
/// What a product page shows of its reviews in one call: the rating summary over published reviews and one page of them,
/// most helpful first unless <paramref name="Sort"/> says otherwise (newest, most_helpful, highest, lowest).
/// </summary>
public sealed record GetProductReviews(Guid ProductId, int Page = 1, int PageSize = 5, string Sort = "most_helpful") : IQuery<ProductReviews>;

/// <param name="Average">Two decimals; null when nobody rated the product.</param>
/// <param name="Total">Published reviews, the pages' total.</param>
public sealed record ProductReviews(Guid ProductId, decimal? Average, int Count, RatingDistribution Distribution,
    IReadOnlyList<ProductReview> Items, int Page, int PageSize, int Total);

/// <param name="Language">The language the review was written in ("en" or "am").</param>
/// <param name="HelpfulCount">How many shoppers found it helpful.</param>
public sealed record ProductReview(Guid ReviewId, int Rating, string Title, string Text, string Language, bool VerifiedPurchase,
    int HelpfulCount, DateTimeOffset CreatedAt);
