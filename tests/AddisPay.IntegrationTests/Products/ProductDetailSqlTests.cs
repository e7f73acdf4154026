using AddisPay.Products.Data;
using AddisPay.Products.Domain;
using Microsoft.EntityFrameworkCore;
using static AddisPay.IntegrationTests.Products.CatalogueRows;

namespace AddisPay.IntegrationTests.Products;

/// <summary><see cref="ProductDetailSql"/> against the mapping of <see cref="ProductsDbContext"/>.</summary>
[Collection(SqlFamilies.Collection)]
public sealed class ProductDetailSqlTests(SqlFamilies platform)
{
    [Fact]
    public async Task A_product_saved_through_the_context_reads_back_the_same_through_the_detail_statement()
    {
        var categoryId = Guid.NewGuid();
        var category = new Category { Id = categoryId, Slug = $"sql-{categoryId:N}", Name = "Coffee", NameAm = "ቡና" };
        var product = NewProduct(NewVariant(onHand: 7, reserved: 2, price: 450.50m), NewVariant(onHand: 0, price: 899.99m, options: new() { ["weight"] = "1 kg", ["grind"] = "whole" }));
        product.CategoryId = categoryId;
        product.Description = "Floral, with bergamot.";
        await platform.SaveAsync<ProductsDbContext>(category, product, new ProductRating { ProductId = product.Id, Average = 4.25m, Count = 4 });
        var version = await platform.WithContextAsync<ProductsDbContext, uint>(db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Version).SingleAsync());

        Product? bySlug;
        await using (var conn = await platform.Service<CatalogueReads>().OpenAsync(CancellationToken.None))
            bySlug = await ProductDetailSql.FindAsync(conn, product.Slug, CancellationToken.None);

        Assert.NotNull(bySlug);
        Assert.Equal((product.Id, product.Name, product.NameAm, product.Description, product.DescriptionAm, product.Brand),
            (bySlug.Id, bySlug.Name, bySlug.NameAm, bySlug.Description, bySlug.DescriptionAm, bySlug.Brand));
        Assert.Equal(product.Images, bySlug.Images);
        Assert.Equal(product.Attributes, bySlug.Attributes);
        Assert.Equal((ProductStatus.Published, product.CreatedAt, product.UpdatedAt, product.PublishedAt, version),
            (bySlug.Status, bySlug.CreatedAt, bySlug.UpdatedAt, bySlug.PublishedAt, bySlug.Version));
        Assert.Equal((categoryId, category.Slug, category.Name, category.NameAm), (bySlug.Category!.Id, bySlug.Category.Slug, bySlug.Category.Name, bySlug.Category.NameAm));
        Assert.Equal((4.25m, 4), (bySlug.Rating!.Average, bySlug.Rating.Count));
        Assert.Equal(
            product.Variants.OrderBy(v => v.Sku).Select(v => (v.Sku, v.PriceEtb, v.OnHand, v.Reserved, string.Join(",", v.Options.OrderBy(o => o.Key)))),
            bySlug.Variants.OrderBy(v => v.Sku).Select(v => (v.Sku, v.PriceEtb, v.OnHand, v.Reserved, string.Join(",", v.Options.OrderBy(o => o.Key)))));
    }
}
