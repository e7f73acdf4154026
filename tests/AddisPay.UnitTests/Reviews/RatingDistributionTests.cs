using AddisPay.Reviews.Contracts;

namespace AddisPay.UnitTests.Reviews;

/// <summary>A product's rating summary: the count of visible reviews and their mean, to two decimals.</summary>
public sealed class RatingDistributionTests
{
    [Fact]
    public void A_product_nobody_rated_has_no_average() => Assert.Null(RatingDistribution.None.Average);

    [Fact]
    public void The_count_is_every_review_whatever_its_stars() => Assert.Equal(15, new RatingDistribution(1, 2, 3, 4, 5).Count);

    [Fact]
    public void The_average_is_the_mean_of_the_stars() => Assert.Equal(4.5m, new RatingDistribution(0, 0, 0, 1, 1).Average);

    [Fact]
    public void The_average_is_rounded_half_away_from_zero_to_two_decimals()
    {
        Assert.Equal(3.67m, new RatingDistribution(0, 0, 1, 2, 0).Average);      // 11 / 3 = 3.666…
        Assert.Equal(4.13m, new RatingDistribution(0, 0, 1, 5, 2).Average);      // 33 / 8 = 4.125, not 4.12
    }
}
