namespace AddisPay.IntegrationTests.Products;

/// <summary>The category tree as the back office works it (Products' staff Contracts over the pod-to-pod endpoint).</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class StaffCategoryTests(CatalogueAndCartPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<HttpResponseMessage> SendAsync(string request, object body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/internal/products/requests/{request}") { Content = JsonContent.Create(body) };
        message.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        return await _http.SendAsync(message);
    }

    private async Task<JsonElement> OkAsync(string request, object body)
    {
        using var r = await SendAsync(request, body);
        await Shop.Expect(r, HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Slug(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    private Task<JsonElement> CreateAsync(string slug, string? parent) =>
        OkAsync("CreateStaffCategory", new { slug, name = "Spices " + slug, nameAm = "ቅመሞች", parentSlug = parent, sortOrder = 0 });

    private async Task<JsonElement?> FindAsync(string slug)
    {
        var tree = await OkAsync("GetStaffCategoryTree", new { });
        JsonElement? Find(JsonElement level)
        {
            foreach (var c in level.EnumerateArray())
            {
                if (c.GetProperty("slug").GetString() == slug) return c;
                if (Find(c.GetProperty("children")) is { } found) return found;
            }
            return null;
        }
        return Find(tree);
    }

    [Fact]
    public async Task Creating_a_category_twice_with_the_same_form_creates_it_once_and_a_taken_slug_with_other_names_is_a_409()
    {
        // Under a parent of its own: the shared platform's seeded tree (CatalogueTests) stays as it is.
        var (parent, slug) = (Slug("pantry"), Slug("spices"));
        await CreateAsync(parent, null);
        var first = await CreateAsync(slug, parent);
        var again = await CreateAsync(slug, parent);
        Assert.False(first.GetProperty("replayed").GetBoolean());
        Assert.True(again.GetProperty("replayed").GetBoolean());
        Assert.Equal(parent, (await FindAsync(slug))!.Value.GetProperty("parentSlug").GetString());

        using var taken = await SendAsync("CreateStaffCategory", new { slug, name = "Something else", nameAm = "ሌላ", parentSlug = (string?)null, sortOrder = 0 });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }

    [Fact]
    public async Task A_category_with_bad_names_or_slug_is_a_400_naming_the_fields()
    {
        using var bad = await SendAsync("CreateStaffCategory", new { slug = "Not A Slug", name = "x", nameAm = "", parentSlug = (string?)null, sortOrder = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "Slug", "Name", "NameAm" })
            Assert.True(errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)), errors.ToString());
    }

    [Fact]
    public async Task A_category_is_renamed_in_both_languages_and_moved_under_another_but_never_under_its_own_descendant()
    {
        var (top, child, grandchild, other) = (Slug("herbs"), Slug("herbs"), Slug("herbs"), Slug("herbs"));
        await CreateAsync(top, null);
        await CreateAsync(child, top);
        await CreateAsync(grandchild, child);
        await CreateAsync(other, null);

        var renamed = await OkAsync("RenameStaffCategory", new { slug = child, name = "Dried herbs", nameAm = "የደረቁ ቅጠላ ቅጠሎች" });
        Assert.Equal(("Dried herbs", "የደረቁ ቅጠላ ቅጠሎች"), (renamed.GetProperty("after").GetProperty("name").GetString(), renamed.GetProperty("after").GetProperty("nameAm").GetString()));

        using (var loop = await SendAsync("MoveStaffCategory", new { slug = top, newParentSlug = grandchild }))
        {
            Assert.Equal(HttpStatusCode.Conflict, loop.StatusCode);
            Assert.Equal("category.cycle", (await loop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }
        using (var self = await SendAsync("MoveStaffCategory", new { slug = top, newParentSlug = top }))
            Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await FindAsync(top))!.Value.GetProperty("parentSlug").ValueKind);

        var moved = await OkAsync("MoveStaffCategory", new { slug = child, newParentSlug = other });
        Assert.False(moved.GetProperty("replayed").GetBoolean());
        var otherNode = (await FindAsync(other))!.Value;
        var childNode = Assert.Single(otherNode.GetProperty("children").EnumerateArray());
        Assert.Equal(grandchild, Assert.Single(childNode.GetProperty("children").EnumerateArray()).GetProperty("slug").GetString());
        Assert.True((await OkAsync("MoveStaffCategory", new { slug = child, newParentSlug = other })).GetProperty("replayed").GetBoolean());
    }

    [Fact]
    public async Task A_category_holding_products_or_categories_is_not_removed_and_an_empty_one_is()
    {
        var (parent, child) = (Slug("tea"), Slug("tea"));
        await CreateAsync(parent, null);
        await CreateAsync(child, parent);
        using (var product = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
                   new { name = "Ethiopian black tea", nameAm = "የኢትዮጵያ ጥቁር ሻይ", sku = $"TEA-{Guid.NewGuid():N}"[..14], priceEtb = 120m, stock = 3, categorySlug = child }, Tokens.Admin())))
            await Shop.Expect(product, HttpStatusCode.Created);

        using (var withProducts = await SendAsync("RemoveStaffCategory", new { slug = child }))
        {
            Assert.Equal(HttpStatusCode.Conflict, withProducts.StatusCode);
            var problem = await withProducts.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("category.has-products", problem.GetProperty("reason").GetString());
            Assert.Contains("1 product", problem.GetProperty("detail").GetString());
        }
        using (var withChildren = await SendAsync("RemoveStaffCategory", new { slug = parent }))
        {
            Assert.Equal(HttpStatusCode.Conflict, withChildren.StatusCode);
            Assert.Equal("category.has-children", (await withChildren.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }
        Assert.NotNull(await FindAsync(child));

        var empty = Slug("tea");
        await CreateAsync(empty, parent);
        var removed = await OkAsync("RemoveStaffCategory", new { slug = empty });
        Assert.Equal(empty, removed.GetProperty("before").GetProperty("slug").GetString());
        Assert.Null(await FindAsync(empty));
        Assert.True((await OkAsync("RemoveStaffCategory", new { slug = empty })).GetProperty("replayed").GetBoolean());
    }
}
