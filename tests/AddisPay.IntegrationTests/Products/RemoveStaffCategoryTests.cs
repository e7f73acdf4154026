namespace AddisPay.IntegrationTests.Products;

/// <summary>A category removed by staff (RemoveStaffCategory over the pod-to-pod endpoint): only when empty, once.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class RemoveStaffCategoryTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A parent holding a child that holds a product: both asked to be removed; then an empty category under the parent
    /// removed, twice; and the staff tree after.
    /// </summary>
    private sealed record Removals((HttpStatusCode Status, JsonElement Problem) WithProducts, (HttpStatusCode Status, JsonElement Problem) WithChildren,
        bool ChildStays, string Empty, JsonElement Removed, bool EmptyFound, JsonElement RemovedAgain);

    private Task<Removals> RemovalsAsync() => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var (parent, child) = (StaffCategories.Slug("tea"), StaffCategories.Slug("tea"));
        await StaffCategories.CreateAsync(shop, parent, null);
        await StaffCategories.CreateAsync(shop, child, parent);
        await shop.CreateAsync(new { name = "Ethiopian black tea", nameAm = "የኢትዮጵያ ጥቁር ሻይ", sku = $"TEA-{Guid.NewGuid():N}"[..14], priceEtb = 120m, stock = 3, categorySlug = child });

        var withProducts = await shop.RefusedAsync("RemoveStaffCategory", new { slug = child });
        var withChildren = await shop.RefusedAsync("RemoveStaffCategory", new { slug = parent });
        var childStays = await StaffCategories.FindAsync(shop, child) is not null;

        var empty = StaffCategories.Slug("tea");
        await StaffCategories.CreateAsync(shop, empty, parent);
        var removed = await shop.OkAsync("RemoveStaffCategory", new { slug = empty });
        var emptyFound = await StaffCategories.FindAsync(shop, empty) is not null;
        return new Removals(withProducts, withChildren, childStays, empty, removed, emptyFound, await shop.OkAsync("RemoveStaffCategory", new { slug = empty }));
    });

    [Fact]
    public async Task A_category_holding_products_is_not_removed_409_has_products()
    {
        var (status, problem) = (await RemovalsAsync()).WithProducts;
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("category.has-products", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_refusal_of_a_category_holding_products_says_how_many() =>
        Assert.Contains("1 product", (await RemovalsAsync()).WithProducts.Problem.GetProperty("detail").GetString());

    [Fact]
    public async Task A_category_holding_categories_is_not_removed_409_has_children()
    {
        var (status, problem) = (await RemovalsAsync()).WithChildren;
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("category.has-children", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_category_refused_removal_stays_in_the_tree() =>
        Assert.True((await RemovalsAsync()).ChildStays);

    [Fact]
    public async Task An_empty_category_is_removed_and_the_answer_says_what_it_was()
    {
        var removals = await RemovalsAsync();
        Assert.Equal(removals.Empty, removals.Removed.GetProperty("before").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_removed_category_is_gone_from_the_tree() =>
        Assert.False((await RemovalsAsync()).EmptyFound);

    [Fact]
    public async Task Removing_a_removed_category_again_is_a_replay() =>
        Assert.True((await RemovalsAsync()).RemovedAgain.GetProperty("replayed").GetBoolean());
}
