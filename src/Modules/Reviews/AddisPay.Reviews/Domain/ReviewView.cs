namespace AddisPay.Reviews.Domain;

public sealed record ReviewView(Guid Id, Guid ProductId, int Rating, string Title, string Text, string Language, ReviewStatus Status,
    bool VerifiedPurchase, int HelpfulCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static ReviewView From(Review r) => new(r.Id, r.ProductId, r.Rating, r.Title, r.Text, r.Language, r.Status, r.VerifiedPurchase,
        r.HelpfulCount, r.CreatedAt, r.UpdatedAt);
}

public sealed record ReviewPage(IReadOnlyList<ReviewView> Items, int Page, int PageSize, int Total);

/// <summary>Settings under AddisPay:Reviews.</summary>
public sealed class ReviewsOptions
{
    /// <summary>New and edited reviews wait for an admin's approval before they are shown.</summary>
    public bool PreModeration { get; set; }

    /// <summary>Reports from this many different shoppers hide a review until an admin looks at it.</summary>
    public int ReportThreshold { get; set; } = 3;
}

/// <summary>The action is not allowed on one's own review (voting it helpful, reporting it).</summary>
public sealed class OwnReviewException(string message) : AddisPay.Shared.Contracts.BusinessRuleException(message)
{
    public override int StatusCode => 403;
}
