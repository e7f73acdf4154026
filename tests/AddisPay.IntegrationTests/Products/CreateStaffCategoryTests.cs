namespace AddisPay.IntegrationTests.Products;

/// <summary>A category made by staff (CreateStaffCategory over the pod-to-pod endpoint): once per form, under its parent, with its fields checked.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CreateStaffCategoryTests(CatalogueAndCartPlatform platform)
{
    /// <summary>
    /// A parent and a child under it, the child's form sent twice (under a parent of its own: the shared platform's seeded tree
    /// stays as it is); the child as the staff tree shows it; the child's slug sent again with other names and no parent.
    /// </summary>
    private sealed record MadeTwice(string Parent, JsonElement First, JsonElement Again, JsonElement Found, HttpStatusCode SlugTaken);

    private Task<MadeTwice> MadeTwiceAsync() => ProductShop.ArrangedAsync(platform, async shop =>
    {
        var (parent, slug) = (StaffCategories.Slug("pantry"), StaffCategories.Slug("spices"));
        await StaffCategories.CreateAsync(shop, parent, null);
        var first = await StaffCategories.CreateAsync(shop, slug, parent);
        var again = await StaffCategories.CreateAsync(shop, slug, parent);
        var found = (await StaffCategories.FindAsync(shop, slug))!.Value;
        var taken = await shop.InternalStatusAsync("CreateStaffCategory", new { slug, name = "Something else", nameAm = "ሌላ", parentSlug = (string?)null, sortOrder = 0 });
        return new MadeTwice(parent, first, again, found, taken);
    });

    [Fact]
    public async Task Creating_a_category_twice_with_the_same_form_creates_it_once_and_replays_the_second()
    {
        var made = await MadeTwiceAsync();
        Assert.False(made.First.GetProperty("replayed").GetBoolean());
        Assert.True(made.Again.GetProperty("replayed").GetBoolean());
    }

    [Fact]
    public async Task A_category_is_made_under_its_parent()
    {
        var made = await MadeTwiceAsync();
        Assert.Equal(made.Parent, made.Found.GetProperty("parentSlug").GetString());
    }

    [Fact]
    public async Task A_taken_slug_with_other_names_is_a_409() =>
        Assert.Equal(HttpStatusCode.Conflict, (await MadeTwiceAsync()).SlugTaken);

    [Fact]
    public async Task A_category_with_bad_names_or_slug_is_a_400_naming_the_fields()
    {
        var (status, problem) = await new ProductShop(platform).RefusedAsync("CreateStaffCategory",
            new { slug = "Not A Slug", name = "x", nameAm = "", parentSlug = (string?)null, sortOrder = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "Slug", "Name", "NameAm" })
            Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), errors.ToString());
    }
}
