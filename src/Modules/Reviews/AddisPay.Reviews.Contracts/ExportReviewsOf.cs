using Mediator;

namespace AddisPay.Reviews.Contracts;

/// <summary>
/// Everything Reviews holds about a customer, for their data export: the reviews they wrote (whatever their moderation
/// status), the reviews they voted helpful, the reviews they reported, and the purchases that verify their reviews.
/// </summary>
public sealed record ExportReviewsOf(Guid UserId) : IQuery<ReviewsExport>;

public sealed record ReviewsExport(IReadOnlyList<ExportedReview> Reviews, IReadOnlyList<ExportedHelpfulVote> HelpfulVotes,
    IReadOnlyList<ExportedReport> Reports, IReadOnlyList<ExportedVerifiedPurchase> VerifiedPurchases);

/// <param name="Status">published, pending, reported or hidden.</param>
public sealed record ExportedReview(Guid ReviewId, Guid ProductId, int Rating, string Title, string Text, string Language, string Status,
    bool VerifiedPurchase, int HelpfulCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ExportedHelpfulVote(Guid ReviewId, DateTimeOffset At);

public sealed record ExportedReport(Guid ReviewId, string Reason, string? Note, DateTimeOffset At);

public sealed record ExportedVerifiedPurchase(Guid ProductId, Guid OrderId, DateTimeOffset PurchasedAt);
