namespace AddisPay.IntegrationTests.Products;

/// <summary>The shop's product list in keyset pages (after = the page before's next): no count, and exact while products are added.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ListProductsPagingTests(CatalogueAndCartPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<Guid> PublishAsync(string brand, string name)
    {
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
        {
            name, nameAm = "ማር", brand, sku = $"KS-{Guid.NewGuid():N}"[..20].ToUpperInvariant(), priceEtb = 75m, stock = 3, publish = true
        }, Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("name")]
    public async Task Keyset_pages_list_every_product_once_while_other_products_are_added(string sort)
    {
        var brand = $"Keyset {Guid.NewGuid():N}";
        var before = new List<Guid>();
        foreach (var name in new[] { "Wildflower honey", "Acacia honey", "Tigray white honey", "Forest honey", "Coffee blossom honey" })
            before.Add(await PublishAsync(brand, name));

        var seen = new List<Guid>();
        var url = $"/api/products?brand={Uri.EscapeDataString(brand)}&sort={sort}&pageSize=2&count=false";
        string? next = null;
        var pages = 0;
        do
        {
            var page = await _http.GetFromJsonAsync<JsonElement>(next is null ? url : $"{url}&after={next}");
            Assert.Equal(JsonValueKind.Null, page.GetProperty("total").ValueKind);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
            // Products published meanwhile: newer than every page read (newest), or sorted before and after the cursor (name).
            if (++pages == 1) { await PublishAsync(brand, "Aardvark-proof honey"); await PublishAsync(brand, "Zebra honey"); }
        } while (next is not null && pages < 10);

        var original = seen.Where(before.Contains).ToList();
        Assert.Equal(before.Order(), original.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_cursor_that_was_not_sent_by_the_list_is_a_400_on_after()
    {
        using var r = await _http.GetAsync("/api/products?after=bm90LWEtY3Vyc29y");

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("after", out _));
    }
}
