namespace AddisPay.IntegrationTests.Products;

/// <summary>The shop's category tree (GET /api/products/categories).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class GetCategoryTreeTests(CatalogueAndCartPlatform platform)
{
    [Fact]
    public async Task The_category_tree_lists_children_under_their_parents()
    {
        using var http = platform.Factory.CreateClient();
        var tree = await http.GetFromJsonAsync<JsonElement>("/api/products/categories");
        var coffee = tree.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "coffee");
        Assert.Equal("coffee-beans", Assert.Single(coffee.GetProperty("children").EnumerateArray()).GetProperty("slug").GetString());
    }
}
