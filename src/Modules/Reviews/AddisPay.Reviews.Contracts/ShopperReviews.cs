using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Reviews.Contracts;

// A shop front's reviews, by the API's own rules. The shopper's id is the one the shop front's session was given, never one
// typed into a form.

/// <summary>
/// Writes the shopper's review of a product: 1 to 5 stars, a title (3 to 120 characters) and a text (10 to 4,000), in "en"
/// or "am"; invalid fields are a ValidationFailedException naming them (rating, title, text, language). One review per
/// shopper and product: a ConflictException when they already wrote a different one. Retry-safe: the same review sent again
/// (a retried request) answers the review it wrote.
/// </summary>
public sealed record WriteShopperReview(Guid AuthorId, Guid ProductId, int Rating, string Title, string Text, string Language)
    : ICommand<ShopperReview>, IIdempotentCommand;

/// <summary>Rewrites the shopper's own review (anyone else's is a NotFoundException); the same words again change nothing more.</summary>
public sealed record EditShopperReview(Guid AuthorId, Guid ReviewId, int Rating, string Title, string Text, string Language)
    : ICommand<ShopperReview>, IIdempotentCommand;

/// <summary>The shopper's own reviews of these products (at most 100 asked at once), in every state.</summary>
public sealed record GetShopperReviews(Guid AuthorId, IReadOnlyList<Guid> ProductIds) : IQuery<IReadOnlyList<ShopperReview>>;

/// <param name="Status">published, pending (awaiting a moderator), reported or hidden.</param>
public sealed record ShopperReview(Guid ReviewId, Guid ProductId, int Rating, string Title, string Text, string Language, string Status,
    bool VerifiedPurchase, DateTimeOffset UpdatedAt);

/// <summary>
/// The shopper found a published review helpful: one vote per shopper and review (voting again changes nothing, so it is
/// retry-safe); never on their own review (ForbiddenException); a review not shown is a NotFoundException.
/// </summary>
public sealed record VoteReviewHelpful(Guid VoterId, Guid ReviewId) : ICommand<ReviewHelpfulVote>, IIdempotentCommand;

/// <param name="ProductId">The product the review is about (whose page shows the count).</param>
public sealed record ReviewHelpfulVote(Guid ReviewId, Guid ProductId, int HelpfulCount);
