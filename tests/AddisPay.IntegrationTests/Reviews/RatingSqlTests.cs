using AddisPay.Reviews.Data;
using AddisPay.Reviews.Domain;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Reviews;

/// <summary><see cref="RatingSql"/> against the mapping of <see cref="ReviewsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class RatingSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task Locking_a_product_without_a_summary_leaves_an_empty_summary_the_context_reads()
    {
        var product = Guid.NewGuid();

        await platform.InWorkAsync<ReviewsDbContext>(work => RatingSql.LockAsync(work.Db, product, CancellationToken.None));

        var summary = await platform.WithContextAsync<ReviewsDbContext, ProductRating>(db => db.ProductRatings.AsNoTracking().SingleAsync(r => r.ProductId == product));
        Assert.Equal((0, (decimal?)null, 0, 0, 0, 0, 0), (summary.ReviewCount, summary.Average, summary.OneStar, summary.TwoStars, summary.ThreeStars, summary.FourStars, summary.FiveStars));
        Assert.Equal(TimeSpan.Zero, summary.UpdatedAt.Offset);
    }
}
