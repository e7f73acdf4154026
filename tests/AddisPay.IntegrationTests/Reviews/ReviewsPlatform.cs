namespace AddisPay.IntegrationTests.Reviews;

/// <summary>
/// Products, Reviews and Search in the test server, shared by every class of the "Reviews" collection (one class per use
/// case): starting a platform costs seconds on two cores, so the classes run one after another on this one. Two reports
/// hide a review. Every test makes its own products and customers and reads only those back.
/// </summary>
public sealed class ReviewsPlatform : IDisposable
{
    public const string Collection = "Reviews";
    public const int ReportThreshold = 2;

    public PlatformFactory Factory { get; } = new("products,reviews,search", new() { ["AddisPay:Reviews:ReportThreshold"] = $"{ReportThreshold}" });
    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(ReviewsPlatform.Collection)]
public sealed class ReviewsCollection : ICollectionFixture<ReviewsPlatform>;

/// <summary>
/// Products and Reviews with pre-moderation on: every new or edited review waits for a moderator. A setting that changes
/// what every other review test sees, so a platform of its own, shared by the pre-moderation tests.
/// </summary>
public sealed class PreModeratedReviewsPlatform : IDisposable
{
    public const string Collection = "Pre-moderated reviews";

    public PlatformFactory Factory { get; } = new("products,reviews", new() { ["AddisPay:Reviews:PreModeration"] = "true" });
    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(PreModeratedReviewsPlatform.Collection)]
public sealed class PreModeratedReviewsCollection : ICollectionFixture<PreModeratedReviewsPlatform>;
