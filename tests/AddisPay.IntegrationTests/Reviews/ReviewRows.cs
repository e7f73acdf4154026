using AddisPay.Reviews.Domain;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary>Reviews as the SQL families' read-back tests save them through the context: fresh ids.</summary>
internal static class ReviewRows
{
        public static readonly DateTimeOffset At = SqlFamilies.Now;

    public static Review NewReview(Guid? authorId = null, Guid? productId = null, bool verified = false) => new()
    {
        Id = Guid.NewGuid(), ProductId = productId ?? Guid.NewGuid(), AuthorId = authorId ?? Guid.NewGuid(), Rating = 5, Title = "Fresh and floral",
        Text = "ጣፋጭ ቡና. Would buy again.", Language = "en", Status = ReviewStatus.Published, VerifiedPurchase = verified, CreatedAt = At, UpdatedAt = At
    };
}
