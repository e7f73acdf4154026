namespace AddisPay.Reviews.Domain;

/// <summary>
/// Published: shown and counted. Pending: waits for an admin (pre-moderation). Reported: enough shoppers
/// reported it that it is hidden until an admin decides. Hidden: an admin took it down.
/// </summary>
public enum ReviewStatus { Published, Pending, Reported, Hidden }

/// <summary>One customer's review of one product (at most one each).</summary>
internal sealed class Review
{
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public Guid AuthorId { get; set; }
    public int Rating { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public string Language { get; set; } = "en";
    public ReviewStatus Status { get; set; }
    /// <summary>The author bought the product (a paid order), before or after writing the review.</summary>
    public bool VerifiedPurchase { get; set; }
    public int HelpfulCount { get; set; }
    /// <summary>Reports not yet looked at by an admin; reaching the threshold hides the review.</summary>
    public int OpenReports { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ModeratedAt { get; set; }
    public string? ModeratedBy { get; set; }
    /// <summary>Why a moderator hid it, while it is hidden (the page and the staff contract show it).</summary>
    public string? HiddenReason { get; set; }
}

internal sealed class HelpfulVote
{
    public Guid ReviewId { get; set; }
    public Guid VoterId { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class ReviewReport
{
    public Guid ReviewId { get; set; }
    public Guid ReporterId { get; set; }
    public string Reason { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Set when an admin hid or restored the review: the report was dealt with.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>
/// A customer paid for a product in an order (from Orders' OrderPaid): what makes a review a verified purchase, for as
/// long as one such order stands (a full refund removes that order's rows).
/// </summary>
internal sealed class Purchase
{
    public Guid CustomerId { get; set; }
    public Guid ProductId { get; set; }
    public Guid OrderId { get; set; }
    public DateTimeOffset PurchasedAt { get; set; }
}

/// <summary>A product's rating summary over its published reviews, kept in the transaction of every change to them.</summary>
internal sealed class ProductRating
{
    public Guid ProductId { get; set; }
    public int ReviewCount { get; set; }
    public decimal? Average { get; set; }
    public int OneStar { get; set; }
    public int TwoStars { get; set; }
    public int ThreeStars { get; set; }
    public int FourStars { get; set; }
    public int FiveStars { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Products' ProductArchived: the product is no longer sold, so its reviews leave the public listing (archiving is final).</summary>
internal sealed class ArchivedProduct
{
    public Guid ProductId { get; set; }
    public DateTimeOffset ArchivedAt { get; set; }
}
