using AddisPay.Products.Data;
using AddisPay.Products.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Products.CatalogueRows;

namespace AddisPay.IntegrationTests.Products;

/// <summary><see cref="ListingSql"/> against the mapping of <see cref="ProductsDbContext"/>: the same products, in the same order, as EF Core reads them.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class ListingSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_brands_newest_page_reads_back_through_the_listing_statement_as_the_context_reads_it_page_by_page()
    {
        var brand = $"Listing {Guid.NewGuid():N}";
        var categoryId = Guid.NewGuid();
        var category = new Category { Id = categoryId, Slug = $"sql-{categoryId:N}", Name = "Coffee", NameAm = "ቡና" };
        // Two share a publication time (an import), so the order and the cursor fall back on the id.
        var products = new[]
        {
            NewProduct(NewVariant(onHand: 7, reserved: 2, price: 450.50m), NewVariant(onHand: 0, price: 899.99m, options: new() { ["grind"] = "whole" })),
            NewProduct(), NewProduct(), NewProduct(NewVariant(onHand: 1, price: 12.25m))
        };
        for (var i = 0; i < products.Length; i++)
        {
            products[i].Brand = brand;
            products[i].PublishedAt = At.AddMinutes(i == 3 ? 2 : 1);
        }
        products[0].CategoryId = categoryId;
        products[0].Description = "Floral, with bergamot.";
        await platform.SaveAsync<ProductsDbContext>([category, .. products, new ProductRating { ProductId = products[0].Id, Average = 4.25m, Count = 4 }]);
        var expected = await platform.WithContextAsync<ProductsDbContext, List<Product>>(db => db.Products.AsNoTracking()
            .Include(p => p.Variants).Include(p => p.Category).Include(p => p.Rating)
            .Where(p => p.Brand == brand).OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).ToListAsync());

        var read = new List<Product>();
        await using (var conn = await platform.Service<CatalogueReads>().OpenAsync(CancellationToken.None))
        {
            read.AddRange(await ListingSql.PageAsync(conn, null, brand, null, 0, 2, CancellationToken.None));
            read.AddRange(await ListingSql.PageAsync(conn, ListingCursor.After(read[^1], "newest"), brand, null, 0, 2, CancellationToken.None));
            Assert.Empty(await ListingSql.PageAsync(conn, ListingCursor.After(read[^1], "newest"), brand, null, 0, 2, CancellationToken.None));
            Assert.Equal([products[0].Id], (await ListingSql.PageAsync(conn, null, brand, [categoryId], 0, 10, CancellationToken.None)).Select(p => p.Id));
        }

        static string Json(Product p) => System.Text.Json.JsonSerializer.Serialize((ProductView.From(p), p.Version, p.PublishedAt));
        Assert.Equal(expected.Select(Json), read.Select(Json));
    }
}
