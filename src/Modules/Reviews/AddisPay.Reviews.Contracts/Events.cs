using System.Text.Json.Serialization;
using AddisPay.Shared.Contracts;

namespace AddisPay.Reviews.Contracts;

/// <summary>How many visible reviews gave each number of stars.</summary>
public sealed record RatingDistribution(int OneStar, int TwoStars, int ThreeStars, int FourStars, int FiveStars)
{
    public static readonly RatingDistribution None = new(0, 0, 0, 0, 0);

    [JsonIgnore]
    public int Count => OneStar + TwoStars + ThreeStars + FourStars + FiveStars;

    /// <summary>The mean rating rounded half away from zero to two decimals; null when nobody rated the product.</summary>
    [JsonIgnore]
    public decimal? Average => Count == 0 ? null
        : Math.Round((OneStar + 2m * TwoStars + 3m * ThreeStars + 4m * FourStars + 5m * FiveStars) / Count, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// A product's rating summary changed: a review was written, edited, removed, hidden or restored. Carries the
/// whole summary (not a delta), so a subscriber keeps the latest one it receives. Only published reviews count.
/// </summary>
/// <param name="Average">Mean of the visible ratings, two decimals; null when there are none.</param>
public sealed record ProductRatingChanged(Guid ProductId, decimal? Average, int Count, RatingDistribution Distribution) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}

/// <summary>
/// One customer's rating of a product as the shop now shows it: published when a review's rating becomes visible,
/// changes, or stops counting (edited, hidden or reported away, restored, deleted, its author erased). Events of a
/// product come in commit order, so a subscriber keeps the latest one per review.
/// </summary>
/// <param name="Visible">False when the rating no longer counts (deleted, hidden, pending): a withdrawn rating.</param>
public sealed record ProductRated(Guid ReviewId, Guid ProductId, Guid CustomerId, int Rating, bool Visible) : IntegrationEvent
{
    public override Guid StreamId => ProductId;
}
