namespace AddisPay.IntegrationTests.Products;

/// <summary>Creating a category through the admin API (POST /api/products/categories).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CreateCategoryTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task A_category_whose_slug_is_taken_is_a_409() =>
        Assert.Equal(HttpStatusCode.Conflict, await new ProductShop(platform).AdminStatusAsync(HttpMethod.Post, "/api/products/categories",
            new { slug = "coffee", name = "Again", nameAm = "ድጋሚ" }));
}
