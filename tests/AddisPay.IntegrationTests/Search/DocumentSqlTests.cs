using AddisPay.Products.Contracts;
using AddisPay.Search.Data;
using AddisPay.Search.Domain;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.IntegrationTests.Search;

/// <summary><see cref="DocumentSql"/> and <see cref="EntrySql"/> against the mapping of <see cref="SearchDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class DocumentSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_published_product_written_by_the_upsert_reads_back_through_the_context_as_its_document_and_entry()
    {
        var product = Guid.NewGuid();
        var published = new ProductPublished(product, $"sql-{product:N}", "Yirgacheffe coffee", "የይርጋጨፌ ቡና", "Floral", null, "Addis Roast",
            new CategoryPath(["drinks", "coffee"], ["Drinks", "Coffee"], ["መጠጦች", "ቡና"]), ["https://img.example/a.jpg"],
            [new ProductVariant("SQL-A", new Dictionary<string, string>(), 450.50m, 0), new ProductVariant("SQL-B", new Dictionary<string, string>(), 899.99m, 3)],
            SqlFamilies.Now);

        await platform.InInboxAsync(context => DocumentSql.UpsertAsync(context.Connection, context.Transaction, published, CancellationToken.None));
        await platform.InInboxAsync(context => DocumentSql.RatedAsync(context, product, 4.5m, 2, CancellationToken.None));

        var (document, entry) = await platform.WithContextAsync<SearchDbContext, (SearchDocument, SearchEntry)>(async db =>
            (await db.Documents.AsNoTracking().SingleAsync(d => d.ProductId == product), await db.Entries.AsNoTracking().SingleAsync(e => e.ProductId == product)));
        Assert.Equal((published.Slug, published.Name, published.NameAm, published.Description, published.DescriptionAm, published.Brand),
            (document.Slug, document.Name, document.NameAm, document.Description, document.DescriptionAm, document.Brand));
        Assert.Equal(["drinks", "coffee"], document.CategorySlugs);
        Assert.Equal(("Coffee", "ቡና", "https://img.example/a.jpg"), (document.CategoryName, document.CategoryNameAm, document.Image));
        Assert.Equal((450.50m, 899.99m, true, (decimal?)4.5m, 2, SqlFamilies.Now), (document.PriceMin, document.PriceMax, document.InStock, document.Rating, document.RatingCount, document.PublishedAt));
        var variants = JsonSerializer.Deserialize<List<JsonElement>>(document.Variants)!;
        Assert.Equal(["SQL-A", "SQL-B"], variants.Select(v => v.GetProperty("Sku").GetString()));
        Assert.Equal((450.50m, 899.99m, true, (decimal?)4.5m, 2, SqlFamilies.Now), (entry.PriceMin, entry.PriceMax, entry.InStock, entry.Rating, entry.RatingCount, entry.PublishedAt));
        Assert.Equal(1L, entry.FacetKey & 1); // in stock
        Assert.NotEqual(0, entry.CategoryPathId);
    }

    [Fact]
    public async Task A_category_change_gives_the_documents_filed_under_it_the_new_path_and_names_and_their_entries_the_new_path_number()
    {
        var product = Guid.NewGuid();
        var slug = $"roasts-{product:N}"[..20];
        await platform.InInboxAsync(context => DocumentSql.UpsertAsync(context.Connection, context.Transaction, new ProductPublished(product, $"sql-{product:N}",
            "Guji coffee", "የጉጂ ቡና", null, null, null, new CategoryPath([slug], ["Light roasts"], ["ቀላል ቁሌት"]), [],
            [new ProductVariant("SQL-C", new Dictionary<string, string>(), 500m, 2)], SqlFamilies.Now), CancellationToken.None));
        var pathBefore = await platform.WithContextAsync<SearchDbContext, int>(async db => (await db.Entries.AsNoTracking().SingleAsync(e => e.ProductId == product)).CategoryPathId);

        await platform.InInboxAsync(context => DocumentSql.CategoryChangedAsync(context,
            new CategoryChanged(Guid.NewGuid(), slug, new CategoryPath(["coffee", slug], ["Coffee", "Espresso roasts"], ["ቡና", "የኤስፕሬሶ ቁሌት"])), CancellationToken.None));

        var (document, entry) = await platform.WithContextAsync<SearchDbContext, (SearchDocument, SearchEntry)>(async db =>
            (await db.Documents.AsNoTracking().SingleAsync(d => d.ProductId == product), await db.Entries.AsNoTracking().SingleAsync(e => e.ProductId == product)));
        Assert.Equal(["coffee", slug], document.CategorySlugs);
        Assert.Equal(("Espresso roasts", "የኤስፕሬሶ ቁሌት"), (document.CategoryName, document.CategoryNameAm));
        Assert.NotEqual(pathBefore, entry.CategoryPathId);
        Assert.Equal(entry.CategoryPathId, (int)(entry.FacetKey >> 32));
    }
}
