
namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>
/// Products, Cart, Reviews and Recommendations in the test server, shared by every use-case class of the
/// "Recommendations" collection: starting a platform costs seconds on two cores, so the classes run one after another on
/// this one. The schedule is off: a test recomputes when its history is in, never waiting on a timer. Every test makes its
/// own categories, products and customers and reads only those back (the shop's popular list aside, read against itself).
/// </summary>
public sealed class RecommendationsPlatform : IDisposable
{
    public const string Collection = "Recommendations";

    public PlatformFactory Factory { get; } = new("products,cart,reviews,recommendations", new() { ["AddisPay:Recommendations:RecomputeInterval"] = "00:00:00" });

    private readonly Arrangements _arranged = new();

    /// <summary>
    /// An arrangement several tests assert on, made once for the collection at the first test that asks for it (one per
    /// result type <typeparamref name="T"/>): a behaviour that follows one history is asserted by its own test without
    /// repeating the history and its recomputes.
    /// </summary>
    public Task<T> ArrangedAsync<T>(Func<RecommendationsShop, Task<T>> arrange) where T : class => _arranged.OnceAsync(() => arrange(new RecommendationsShop(this)));

    public void Dispose() => Factory.Dispose();
}

[CollectionDefinition(RecommendationsPlatform.Collection)]
public sealed class RecommendationsCollection : ICollectionFixture<RecommendationsPlatform>;
