using static AddisPay.IntegrationTests.Products.ProductShop;

namespace AddisPay.IntegrationTests.Products;

/// <summary>The shop's product list (GET /api/products): filters, and keyset pages (after = the page before's next) without a count, exact while products are added.</summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class ListProductsTests(CatalogueAndCartPlatform platform)
{
    private Task<CoffeeLifecycle> LifecycleAsync() => CoffeeLifecycle.ArrangedAsync(platform);

    [Fact]
    public async Task Browsing_a_parent_category_lists_the_products_of_its_subcategories() =>
        Assert.Equal(1, (await LifecycleAsync()).InCoffee);

    [Fact]
    public async Task A_price_ceiling_below_every_variant_lists_none_of_the_products_variants() =>
        Assert.Equal(0, (await LifecycleAsync()).UnderPriceCeiling);

    [Fact]
    public async Task Browsing_another_category_lists_none_of_the_products_of_this_one() =>
        Assert.Equal(0, (await LifecycleAsync()).InTextiles);

    [Fact]
    public async Task A_sort_that_does_not_exist_or_a_minimum_price_above_the_maximum_is_a_400()
    {
        using var http = platform.Factory.CreateClient();
        using var r = await http.GetAsync("/api/products?sort=random&minPriceEtb=10&maxPriceEtb=5");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    /// <summary>
    /// Five products of a brand of their own, listed by the brand in pages of two in one sort order, two more published
    /// (one sorting first, one last) after the first page was read: the products there before, every id seen, each page's total.
    /// </summary>
    private sealed record KeysetWalk(List<Guid> Before, List<Guid> Seen, List<JsonValueKind> Totals);

    private Task<KeysetWalk> KeysetWalkAsync(string sort) => ArrangedAsync(platform, async shop =>
    {
        var brand = $"Keyset {Guid.NewGuid():N}";
        async Task<Guid> PublishAsync(string name) =>
            (await shop.CreateAsync(new { name, nameAm = "ማር", brand, sku = Unique("KS"), priceEtb = 75m, stock = 3, publish = true })).GetProperty("id").GetGuid();
        var before = new List<Guid>();
        foreach (var name in new[] { "Wildflower honey", "Acacia honey", "Tigray white honey", "Forest honey", "Coffee blossom honey" })
            before.Add(await PublishAsync(name));

        var (seen, totals) = (new List<Guid>(), new List<JsonValueKind>());
        var url = $"/api/products?brand={Uri.EscapeDataString(brand)}&sort={sort}&pageSize=2&count=false";
        string? next = null;
        var pages = 0;
        do
        {
            var page = await shop.Http.GetFromJsonAsync<JsonElement>(next is null ? url : $"{url}&after={next}");
            totals.Add(page.GetProperty("total").ValueKind);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
            // Products published meanwhile: newer than every page read (newest), or sorted before and after the cursor (name).
            if (++pages == 1) { await PublishAsync("Aardvark-proof honey"); await PublishAsync("Zebra honey"); }
        } while (next is not null && pages < 10);
        return new KeysetWalk(before, seen, totals);
    }, sort);

    [Theory]
    [InlineData("newest")]
    [InlineData("name")]
    public async Task Keyset_pages_list_every_product_there_before_the_first_page_while_other_products_are_added(string sort)
    {
        var walk = await KeysetWalkAsync(sort);
        Assert.Equal(walk.Before.Order(), walk.Seen.Where(walk.Before.Contains).Order());
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("name")]
    public async Task Keyset_pages_list_no_product_twice_while_other_products_are_added(string sort)
    {
        var seen = (await KeysetWalkAsync(sort)).Seen;
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("name")]
    public async Task Keyset_pages_asked_without_a_count_carry_no_total(string sort) =>
        Assert.All((await KeysetWalkAsync(sort)).Totals, total => Assert.Equal(JsonValueKind.Null, total));

    [Fact]
    public async Task A_cursor_that_was_not_sent_by_the_list_is_a_400_on_after()
    {
        using var http = platform.Factory.CreateClient();
        using var r = await http.GetAsync("/api/products?after=bm90LWEtY3Vyc29y");

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("after", out _));
    }
}
