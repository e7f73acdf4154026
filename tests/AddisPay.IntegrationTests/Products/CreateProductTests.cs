using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>Creating a product through the admin API (POST /api/products): a slug from its name, a draft, field errors that write nothing.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CreateProductTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task A_new_product_gets_a_slug_made_of_its_name() =>
        Assert.StartsWith("yirgacheffe-coffee-beans", (await CoffeeLifecycle.ArrangedAsync(platform)).Created.GetProperty("slug").GetString());

    [Fact]
    public async Task A_new_product_is_a_draft() =>
        Assert.Equal("draft", (await CoffeeLifecycle.ArrangedAsync(platform)).Created.GetProperty("status").GetString());

    /// <summary>
    /// A product with a picture that is no URL and a second variant with a bad SKU, no price and negative stock (its first
    /// variant's SKU is good); then a good product in a category that does not exist.
    /// </summary>
    private sealed record RefusedInput(string Sku, HttpStatusCode Invalid, List<string> Fields, long VariantsWritten, HttpStatusCode UnknownCategory);

    private Task<RefusedInput> RefusedInputAsync() => ArrangedAsync(platform, async shop =>
    {
        var sku = Unique("BAD");
        using var r = await shop.AdminAsync(HttpMethod.Post, "/api/products", new
        {
            name = "Valid name", nameAm = "ስም", images = new[] { "not-a-url" },
            variants = new object[]
            {
                new { sku, priceEtb = 10m, stock = 1 },
                new { sku = "x", priceEtb = 0m, stock = -5 }
            }
        });
        var fields = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        var written = await shop.CountAsync($"select count(*) from products.variants where \"Sku\" = '{sku}'");
        var unknownCategory = await shop.AdminStatusAsync(HttpMethod.Post, "/api/products",
            new { name = "Valid name", nameAm = "ስም", sku, priceEtb = 10m, stock = 1, categorySlug = "no-such-category" });
        return new RefusedInput(sku, r.StatusCode, fields, written, unknownCategory);
    });

    [Fact]
    public async Task A_product_with_invalid_fields_is_a_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await RefusedInputAsync()).Invalid);

    [Theory]
    [InlineData("variants[1].sku")]
    [InlineData("variants[1].priceEtb")]
    [InlineData("variants[1].stock")]
    [InlineData("images[0]")]
    public async Task The_400_names_each_invalid_field_by_its_path(string field) =>
        Assert.Contains(field, (await RefusedInputAsync()).Fields);

    [Fact]
    public async Task A_refused_product_writes_not_even_its_valid_variant() =>
        Assert.Equal(0, (await RefusedInputAsync()).VariantsWritten);

    [Fact]
    public async Task A_product_in_a_category_that_does_not_exist_is_a_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await RefusedInputAsync()).UnknownCategory);
}
