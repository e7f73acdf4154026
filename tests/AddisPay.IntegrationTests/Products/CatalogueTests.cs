namespace AddisPay.IntegrationTests.Products;

/// <summary>The catalogue: categories, variants, publication, filters, and safe concurrent edits.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CatalogueTests(CatalogueAndCartPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<JsonElement> CreateAsync(object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", body, Tokens.Admin()));
        await Shop.Expect(r, expected);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    [Fact]
    public async Task A_product_with_variants_is_hidden_until_published_and_gone_when_archived()
    {
        var brand = $"Brand {Guid.NewGuid():N}";
        var product = await CreateAsync(new
        {
            name = "Yirgacheffe coffee beans", nameAm = "የይርጋጨፌ ቡና", brand, categorySlug = "coffee-beans",
            images = new[] { "https://images.example.et/yirga.jpg" }, attributes = new Dictionary<string, string> { ["roast"] = "medium" },
            variants = new[]
            {
                new { sku = Unique("Y250"), options = new Dictionary<string, string> { ["size"] = "250 g" }, priceEtb = 340.00m, stock = 10 },
                new { sku = Unique("Y500"), options = new Dictionary<string, string> { ["size"] = "500 g" }, priceEtb = 650.00m, stock = 0 }
            }
        });
        var id = product.GetProperty("id").GetGuid();
        var slug = product.GetProperty("slug").GetString()!;
        Assert.StartsWith("yirgacheffe-coffee-beans", slug);
        Assert.Equal("draft", product.GetProperty("status").GetString());

        using (var hidden = await _http.GetAsync($"/api/products/{id}")) Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using (var publish = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{id}/publish", null, Tokens.Admin()))) Assert.Equal(HttpStatusCode.OK, publish.StatusCode);

        var bySlug = await _http.GetFromJsonAsync<JsonElement>($"/api/products/{slug}");
        Assert.Equal(id, bySlug.GetProperty("id").GetGuid());
        Assert.Equal("coffee-beans", bySlug.GetProperty("category").GetProperty("slug").GetString());
        Assert.Equal(340.00m, bySlug.GetProperty("priceEtb").GetDecimal());
        Assert.Equal(650.00m, bySlug.GetProperty("maxPriceEtb").GetDecimal());
        var variants = bySlug.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal([true, false], variants.Select(v => v.GetProperty("inStock").GetBoolean()).ToArray());
        Assert.Equal("250 g", variants[0].GetProperty("options").GetProperty("size").GetString());

        // Browsing the parent category includes its subcategories; filters narrow by brand, price and stock.
        var inCoffee = await _http.GetFromJsonAsync<JsonElement>($"/api/products?category=coffee&brand={Uri.EscapeDataString(brand)}");
        Assert.Equal(1, inCoffee.GetProperty("total").GetInt32());
        var cheap = await _http.GetFromJsonAsync<JsonElement>($"/api/products?brand={Uri.EscapeDataString(brand)}&maxPriceEtb=300");
        Assert.Equal(0, cheap.GetProperty("total").GetInt32());
        var inTextiles = await _http.GetFromJsonAsync<JsonElement>($"/api/products?category=textiles&brand={Uri.EscapeDataString(brand)}");
        Assert.Equal(0, inTextiles.GetProperty("total").GetInt32());

        using (var archive = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{id}/archive", null, Tokens.Admin()))) Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        using (var gone = await _http.GetAsync($"/api/products/{slug}")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using (var republish = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{id}/publish", null, Tokens.Admin()))) Assert.Equal(HttpStatusCode.Conflict, republish.StatusCode);

        // The events other modules need were published.
        foreach (var type in new[] { "products.product_published", "products.product_archived" })
            Assert.Equal(1, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
                $"select count(*) from events.mt_events where type = '{type}' and stream_id = '{id}'"));
    }

    [Fact]
    public async Task Product_detail_is_the_same_by_id_and_by_slug_and_an_admin_sees_a_draft()
    {
        var created = await CreateAsync(new
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

        // A draft: nobody but an admin sees it, by id or by slug.
        using (var hidden = await _http.GetAsync($"/api/products/{slug}")) Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using (var admin = await _http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/{slug}", null, Tokens.Admin())))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Equal("draft", (await admin.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            Assert.NotNull(admin.Headers.ETag);
        }

        using (var publish = await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{id}/publish", null, Tokens.Admin()))) Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        using var byId = await _http.GetAsync($"/api/products/{id}");
        using var bySlug = await _http.GetAsync($"/api/products/{slug}");
        var json = await byId.Content.ReadAsStringAsync();
        Assert.Equal(json, await bySlug.Content.ReadAsStringAsync());
        Assert.Equal(byId.Headers.ETag, bySlug.Headers.ETag);

        var detail = JsonDocument.Parse(json).RootElement;
        Assert.Equal(["https://images.example.et/gabi-1.jpg", "https://images.example.et/gabi-2.jpg"],
            detail.GetProperty("images").EnumerateArray().Select(i => i.GetString()!).ToArray());
        Assert.Equal("hand", detail.GetProperty("attributes").GetProperty("weave").GetString());
        Assert.Equal("textiles", detail.GetProperty("category").GetProperty("slug").GetString());
        // Variants cheapest first; the product's price is the cheapest, its stock the sum.
        Assert.Equal(["single", "double"], detail.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("options").GetProperty("size").GetString()!).ToArray());
        Assert.Equal(1600.00m, detail.GetProperty("priceEtb").GetDecimal());
        Assert.Equal(3, detail.GetProperty("available").GetInt32());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("rating").ValueKind);
        Assert.Equal(0, detail.GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task The_category_tree_lists_children_under_their_parents()
    {
        var tree = await _http.GetFromJsonAsync<JsonElement>("/api/products/categories");
        var coffee = tree.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "coffee");
        Assert.Equal("coffee-beans", Assert.Single(coffee.GetProperty("children").EnumerateArray()).GetProperty("slug").GetString());
        using var duplicate = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories", new { slug = "coffee", name = "Again", nameAm = "ድጋሚ" }, Tokens.Admin()));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_412_and_an_edit_without_if_match_with_428()
    {
        var product = await CreateAsync(new { name = "Netela shawl", nameAm = "ነጠላ", sku = Unique("NET"), priceEtb = 950m, stock = 4, publish = true });
        var id = product.GetProperty("id").GetGuid();
        using var read = await _http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/{id}", null, Tokens.Admin()));
        var etag = read.Headers.ETag!.Tag;
        var edit = new { name = "Netela shawl, hand-woven", nameAm = "በእጅ የተሰራ ነጠላ", brand = "Shiro Meda", categorySlug = "textiles" };

        using (var noPrecondition = await _http.SendAsync(Shop.Request(HttpMethod.Put, $"/api/products/{id}", edit, Tokens.Admin())))
            Assert.Equal((HttpStatusCode)428, noPrecondition.StatusCode);

        var first = Shop.Request(HttpMethod.Put, $"/api/products/{id}", edit, Tokens.Admin());
        first.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        using (var ok = await _http.SendAsync(first))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.NotEqual(etag, ok.Headers.ETag!.Tag);
        }

        var stale = Shop.Request(HttpMethod.Put, $"/api/products/{id}", edit with { }, Tokens.Admin());
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        using (var refused = await _http.SendAsync(stale)) Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);

        var now = await _http.GetFromJsonAsync<JsonElement>($"/api/products/{id}");
        Assert.Equal("Netela shawl, hand-woven", now.GetProperty("name").GetString());
        Assert.Equal("textiles", now.GetProperty("category").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Invalid_admin_input_is_a_400_with_field_errors_and_writes_nothing()
    {
        var sku = Unique("BAD");
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
        {
            name = "Valid name", nameAm = "ስም", images = new[] { "not-a-url" },
            variants = new object[]
            {
                new { sku, priceEtb = 10m, stock = 1 },
                new { sku = "x", priceEtb = 0m, stock = -5 }
            }
        }, Tokens.Admin()));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("variants[1].sku", errors);
        Assert.Contains("variants[1].priceEtb", errors);
        Assert.Contains("variants[1].stock", errors);
        Assert.Contains("images[0]", errors);
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from products.variants where \"Sku\" = '{sku}'"));

        using var unknownCategory = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Valid name", nameAm = "ስም", sku, priceEtb = 10m, stock = 1, categorySlug = "no-such-category" }, Tokens.Admin()));
        Assert.Equal(HttpStatusCode.BadRequest, unknownCategory.StatusCode);

        using var badFilter = await _http.GetAsync("/api/products?sort=random&minPriceEtb=10&maxPriceEtb=5");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }
}
