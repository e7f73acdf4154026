using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>A product's detail (GET /api/products/{id or slug}): drafts for admins only, the same answer by id and by slug, prices, stock and variants.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class GetProductTests(CatalogueAndCartPlatform platform)
{
    private Task<CoffeeLifecycle> LifecycleAsync() => CoffeeLifecycle.ArrangedAsync(platform);

    /// <summary>
    /// A blanket of two variants (double at 2,400 ETB with 3 in stock, single at 1,600 ETB with none), two pictures and two
    /// attributes in "textiles": read as a draft by a shopper and by an admin by its slug, then published and read by id and by slug.
    /// </summary>
    private sealed record Blanket(HttpStatusCode DraftRead, HttpStatusCode AdminDraftRead, string? AdminDraftStatus, bool AdminDraftETag,
        string ById, string BySlug, string? ByIdETag, string? BySlugETag)
    {
        public JsonElement Detail => JsonDocument.Parse(ById).RootElement;
    }

    private Task<Blanket> BlanketAsync() => ArrangedAsync(platform, async shop =>
    {
        var created = await shop.CreateAsync(new
        {
            name = "Gabi blanket", nameAm = "ጋቢ", brand = "Bahir Dar Textile", categorySlug = "textiles",
            images = new[] { "https://images.example.et/gabi-1.jpg", "https://images.example.et/gabi-2.jpg" },
            attributes = new Dictionary<string, string> { ["cotton"] = "100%", ["weave"] = "hand" },
            variants = new[]
            {
                new { sku = Unique("GD"), options = new Dictionary<string, string> { ["size"] = "double" }, priceEtb = 2400.00m, stock = 3 },
                new { sku = Unique("GS"), options = new Dictionary<string, string> { ["size"] = "single" }, priceEtb = 1600.00m, stock = 0 }
            }
        });
        var id = created.GetProperty("id").GetGuid();
        var slug = created.GetProperty("slug").GetString()!;

        HttpStatusCode draftRead;
        using (var hidden = await shop.Http.GetAsync($"/api/products/{slug}")) draftRead = hidden.StatusCode;
        using var admin = await shop.AdminAsync(HttpMethod.Get, $"/api/products/{slug}");
        var adminStatus = admin.StatusCode == HttpStatusCode.OK ? (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null;

        using (var publish = await shop.AdminAsync(HttpMethod.Post, $"/api/products/{id}/publish")) await Shop.Expect(publish, HttpStatusCode.OK);
        using var byId = await shop.Http.GetAsync($"/api/products/{id}");
        using var bySlug = await shop.Http.GetAsync($"/api/products/{slug}");
        return new Blanket(draftRead, admin.StatusCode, adminStatus, admin.Headers.ETag is not null,
            await byId.Content.ReadAsStringAsync(), await bySlug.Content.ReadAsStringAsync(), byId.Headers.ETag?.Tag, bySlug.Headers.ETag?.Tag);
    });

    [Fact]
    public async Task A_draft_is_not_found_by_a_shopper_by_its_id() =>
        Assert.Equal(HttpStatusCode.NotFound, (await LifecycleAsync()).DraftRead);

    [Fact]
    public async Task A_draft_is_not_found_by_a_shopper_by_its_slug() =>
        Assert.Equal(HttpStatusCode.NotFound, (await BlanketAsync()).DraftRead);

    [Fact]
    public async Task An_admin_reads_a_draft_by_its_slug_as_a_draft()
    {
        var blanket = await BlanketAsync();
        Assert.Equal(HttpStatusCode.OK, blanket.AdminDraftRead);
        Assert.Equal("draft", blanket.AdminDraftStatus);
    }

    [Fact]
    public async Task An_admins_read_carries_an_ETag() =>
        Assert.True((await BlanketAsync()).AdminDraftETag);

    [Fact]
    public async Task A_published_product_reads_the_same_by_id_and_by_slug()
    {
        var blanket = await BlanketAsync();
        Assert.Equal(blanket.ById, blanket.BySlug);
    }

    [Fact]
    public async Task A_published_product_has_the_same_ETag_by_id_and_by_slug()
    {
        var blanket = await BlanketAsync();
        Assert.Equal(blanket.ByIdETag, blanket.BySlugETag);
    }

    [Fact]
    public async Task The_detail_lists_the_products_pictures_in_order() =>
        Assert.Equal(["https://images.example.et/gabi-1.jpg", "https://images.example.et/gabi-2.jpg"],
            (await BlanketAsync()).Detail.GetProperty("images").EnumerateArray().Select(i => i.GetString()!).ToArray());

    [Fact]
    public async Task The_detail_carries_the_products_attributes() =>
        Assert.Equal("hand", (await BlanketAsync()).Detail.GetProperty("attributes").GetProperty("weave").GetString());

    [Fact]
    public async Task The_detail_names_the_products_category()
    {
        Assert.Equal("textiles", (await BlanketAsync()).Detail.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal("coffee-beans", (await LifecycleAsync()).BySlug.GetProperty("category").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Variants_are_listed_cheapest_first() =>
        Assert.Equal(["single", "double"],
            (await BlanketAsync()).Detail.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("options").GetProperty("size").GetString()!).ToArray());

    [Fact]
    public async Task A_products_price_is_its_cheapest_variants_whether_in_stock_or_not()
    {
        Assert.Equal(1600.00m, (await BlanketAsync()).Detail.GetProperty("priceEtb").GetDecimal());
        Assert.Equal(340.00m, (await LifecycleAsync()).BySlug.GetProperty("priceEtb").GetDecimal());
    }

    [Fact]
    public async Task A_products_max_price_is_its_dearest_variants() =>
        Assert.Equal(650.00m, (await LifecycleAsync()).BySlug.GetProperty("maxPriceEtb").GetDecimal());

    [Fact]
    public async Task A_products_stock_available_is_the_sum_of_its_variants() =>
        Assert.Equal(3, (await BlanketAsync()).Detail.GetProperty("available").GetInt32());

    [Fact]
    public async Task Each_variant_says_whether_it_is_in_stock()
    {
        var variants = (await LifecycleAsync()).BySlug.GetProperty("variants");
        Assert.Equal([true, false], variants.EnumerateArray().Select(v => v.GetProperty("inStock").GetBoolean()).ToArray());
    }

    [Fact]
    public async Task Each_variant_carries_its_options() =>
        Assert.Equal("250 g", (await LifecycleAsync()).BySlug.GetProperty("variants")[0].GetProperty("options").GetProperty("size").GetString());

    [Fact]
    public async Task A_product_nobody_rated_has_no_rating_and_a_rating_count_of_zero()
    {
        var detail = (await BlanketAsync()).Detail;
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("rating").ValueKind);
        Assert.Equal(0, detail.GetProperty("ratingCount").GetInt32());
    }
}
