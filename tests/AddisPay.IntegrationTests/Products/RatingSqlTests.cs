using AddisPay.Products.Domain;
using AddisPay.Products.Data;
using AddisPay.Products.ShowRatings;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Products.CatalogueRows;

namespace AddisPay.IntegrationTests.Products;

/// <summary><see cref="RatingSql"/> against the mapping of <see cref="ProductsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class RatingSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task The_latest_rating_shown_by_the_upsert_reads_back_through_the_context_even_without_an_average()
    {
        var product = NewProduct();
        await platform.SaveAsync<ProductsDbContext>(product);

        await platform.InWorkAsync<ProductsDbContext>(work => RatingSql.ShowAsync(work, product.Id, 3.5m, 2, CancellationToken.None));
        await platform.InWorkAsync<ProductsDbContext>(work => RatingSql.ShowAsync(work, product.Id, null, 0, CancellationToken.None));

        var rating = await platform.WithContextAsync<ProductsDbContext, ProductRating>(db => db.Ratings.AsNoTracking().SingleAsync(r => r.ProductId == product.Id));
        Assert.Equal(((decimal?)null, 0), (rating.Average, rating.Count));
    }
}
