using AddisPay.Recommendations.Data;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary><see cref="CatalogueFactSql"/> against the schema <see cref="RecommendationsDbContext"/> maps.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class CatalogueFactSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_published_product_and_its_stock_changes_read_back_through_the_context_with_whether_it_can_be_sold()
    {
        var product = Guid.NewGuid();

        await platform.InInboxAsync(context => CatalogueFactSql.PublishedAsync(context, product, $"sql-{product:N}", "Coffee", "ቡና", null, "coffee", 2, ["SKU-A"], CancellationToken.None));
        var oneLeft = await ReadBackAsync(product);
        await platform.InInboxAsync(context => CatalogueFactSql.DepletedAsync(context, product, "SKU-B", CancellationToken.None));
        var soldOut = await ReadBackAsync(product);
        await platform.InInboxAsync(context => CatalogueFactSql.ReplenishedAsync(context, product, "SKU-A", CancellationToken.None));
        var back = await ReadBackAsync(product);

        Assert.Equal(($"sql-{product:N}", "Coffee", "ቡና", (string?)null, "coffee", false, 2), (oneLeft.Slug, oneLeft.Name, oneLeft.NameAm, oneLeft.Brand, oneLeft.Category, oneLeft.Archived, oneLeft.SkuCount));
        Assert.Equal(["SKU-A"], oneLeft.DepletedSkus);
        Assert.True(oneLeft.Sellable);
        Assert.Equal(["SKU-A", "SKU-B"], soldOut.DepletedSkus);
        Assert.False(soldOut.Sellable);
        Assert.Equal(["SKU-B"], back.DepletedSkus);
        Assert.True(back.Sellable);
    }

    private Task<ProductFactsRow> ReadBackAsync(Guid product) => platform.WithContextAsync<RecommendationsDbContext, ProductFactsRow>(db =>
        db.Set<ProductFactsRow>().AsNoTracking().SingleAsync(p => p.ProductId == product));
}
