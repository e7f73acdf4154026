using static AddisPay.IntegrationTests.Search.SearchShop;

namespace AddisPay.IntegrationTests.Search;

/// <summary>Searching (GET /api/search): relevance in English and Amharic, misspellings, prefixes, facets, sorting and paging, kept answers.</summary>
[Collection(SearchPlatform.Collection)]
public sealed class SearchProductsTests(SearchPlatform platform)
{
    private readonly SearchShop _shop = new(platform);

    /// <summary>The catalogue's products (<see cref="SearchPlatform"/>) that <paramref name="query"/> finds, by name.</summary>
    private Task<string[]> NamesAsync(string query) => _shop.NamesAsync($"brand={platform.Brand}&{query}");

    private Task<JsonElement> CatalogueAsync(string query = "") => _shop.SearchAsync($"brand={platform.Brand}{(query == "" ? "" : "&" + query)}");

    [Theory]
    [InlineData("q=yirgacheffe", "Yirgacheffe coffee beans")]     // a single word
    [InlineData("q=yirgachefe", "Yirgacheffe coffee beans")]      // misspelled
    [InlineData("q=\"longberry coffee\"", "Harar longberry coffee")] // a phrase
    [InlineData("q=berber", "Berbere spice mix")]                 // a prefix, as typed
    [InlineData("q=ቡና", "Yirgacheffe coffee beans")]            // Amharic
    [InlineData("q=በርበሬ", "Berbere spice mix")]                   // Amharic name
    [InlineData("q=wot", "Berbere spice mix")]                    // the description counts too
    public async Task Queries_find_the_right_product(string query, string expected)
    {
        var names = await NamesAsync(query);
        Assert.Contains(expected, names);
        if (query is not "q=ቡና") Assert.Equal(expected, names[0]);
    }

    // Facets of a listing without words, and the filters they stand for.

    [Fact]
    public async Task The_category_facet_counts_what_each_categorys_filter_finds()
    {
        var categories = Facet(await CatalogueAsync(), "categories");
        Assert.Equal(3, categories["coffee"]);
        Assert.Equal(2, categories["spices"]);
        foreach (var (slug, count) in categories)
            Assert.Equal(count, Total(await CatalogueAsync($"category={slug}")));
    }

    [Fact]
    public async Task The_availability_facet_counts_what_the_in_stock_filter_finds()
    {
        var stock = Facet(await CatalogueAsync(), "availability");
        Assert.Equal(4, stock["in_stock"]);
        Assert.Equal(1, stock["out_of_stock"]);
        Assert.Equal(4, Total(await CatalogueAsync("inStock=true")));
    }

    [Fact]
    public async Task The_price_range_facet_counts_what_the_price_filter_finds()
    {
        Assert.Equal(2, Facet(await CatalogueAsync(), "priceRanges")["0-500"]);
        Assert.Equal(2, Total(await CatalogueAsync("maxPriceEtb=499")));
    }

    // A category listing with a subcategory, as created (SearchShop.CategoryListing; how it follows changes: IndexProductsTests).

    [Fact]
    public async Task A_category_listings_price_range_facet_counts_its_subcategorys_products_too() =>
        Assert.Equal(new Dictionary<string, long> { ["0-500"] = 2, ["2500-5000"] = 1 }, Facet((await CategoryListingAsync(platform)).Created, "priceRanges"));

    [Fact]
    public async Task A_category_listings_availability_facet_counts_its_subcategorys_products_too() =>
        Assert.Equal(new Dictionary<string, long> { ["in_stock"] = 3 }, Facet((await CategoryListingAsync(platform)).Created, "availability"));

    [Fact]
    public async Task A_category_listings_category_facet_counts_the_category_and_its_subcategory() =>
        Assert.Equal(new Dictionary<string, long> { ["coffee"] = 3, ["coffee-gifts"] = 2 }, Facet((await CategoryListingAsync(platform)).Created, "categories"));

    [Fact]
    public async Task A_category_listing_pages_by_ascending_price_across_the_category_and_its_subcategory() =>
        Assert.Equal(["Limu coffee beans", "Kaffa coffee sampler", "Guji coffee gift box"], (await CategoryListingAsync(platform)).PriceAscending);

    [Fact]
    public async Task A_category_listing_pages_by_descending_price_across_the_category_and_its_subcategory() =>
        Assert.Equal(["Guji coffee gift box", "Kaffa coffee sampler", "Limu coffee beans"], (await CategoryListingAsync(platform)).PriceDescending);

    [Fact]
    public async Task A_page_past_the_end_of_a_category_listing_is_empty() =>
        Assert.Empty((await CategoryListingAsync(platform)).PastTheEnd);

    // Misspellings.

    [Fact]
    public async Task A_misspelt_word_is_corrected_from_the_catalogue_words() =>
        Assert.Equal("yirgacheffe coffee", (await CatalogueAsync("q=yirgachefe%20coffee")).GetProperty("correctedText").GetString());

    [Fact]
    public async Task A_corrected_search_finds_what_the_corrected_words_find()
    {
        var result = await CatalogueAsync("q=yirgachefe%20coffee");
        Assert.Equal(["Yirgacheffe coffee beans"], Names(result));
        Assert.Equal(1, Total(result));
    }

    [Fact]
    public async Task The_facets_of_a_corrected_search_follow_the_corrected_words() =>
        Assert.Equal(new Dictionary<string, long> { ["coffee"] = 1 }, Facet(await CatalogueAsync("q=yirgachefe%20coffee"), "categories"));

    [Fact]
    public async Task Words_the_catalogue_has_are_searched_as_typed_without_a_correction() =>
        Assert.Equal(JsonValueKind.Null, (await CatalogueAsync("q=yirgacheffe")).GetProperty("correctedText").ValueKind);

    [Fact]
    public async Task Catalogue_words_that_find_nothing_together_find_nothing_and_are_not_corrected()
    {
        var nothing = await CatalogueAsync("q=%22chilli%20coffee%22");
        Assert.Equal(0, Total(nothing));
        Assert.Equal(JsonValueKind.Null, nothing.GetProperty("correctedText").ValueKind);
    }

    // Facets of a search with words.

    [Fact]
    public async Task A_word_search_counts_its_matches_in_the_total_and_the_category_and_brand_facets()
    {
        var coffee = await CatalogueAsync("q=coffee");
        Assert.Equal(3, Total(coffee));
        Assert.Equal(3, Facet(coffee, "categories").GetValueOrDefault("coffee"));
        Assert.Equal(0, Facet(coffee, "categories").GetValueOrDefault("spices"));
        Assert.Equal(3, Facet(coffee, "brands").GetValueOrDefault(platform.Brand));
    }

    [Fact]
    public async Task A_word_searchs_availability_facet_counts_what_the_in_stock_filter_finds()
    {
        var availability = Facet(await CatalogueAsync("q=coffee"), "availability");
        Assert.Equal(2, availability.GetValueOrDefault("in_stock"));
        Assert.Equal(1, availability.GetValueOrDefault("out_of_stock"));
        Assert.Equal(2, Total(await CatalogueAsync("q=coffee&inStock=true")));
    }

    [Fact]
    public async Task A_word_searchs_price_range_facet_counts_what_the_price_filter_finds()
    {
        Assert.Equal(1, Facet(await CatalogueAsync("q=coffee"), "priceRanges").GetValueOrDefault("1000-2500"));
        Assert.Equal(1, Total(await CatalogueAsync("q=coffee&minPriceEtb=1000")));
    }

    [Fact]
    public async Task A_minus_word_leaves_out_the_products_that_have_it() =>
        Assert.Equal(["Harar longberry coffee", "Yirgacheffe coffee beans"], (await NamesAsync("q=coffee%20-sidamo")).Order().ToArray());

    // Kept answers.

    /// <summary>
    /// A search's facets kept with one product of a brand of its own under a word nobody else uses (a search in upper case
    /// answered from them), then a second product published with the word: the search's answer once it counts both.
    /// </summary>
    private sealed record KeptThenIndexed(string Brand, JsonElement After);

    private Task<KeptThenIndexed> KeptThenIndexedAsync() => platform.ArrangedAsync(async shop =>
    {
        var brand = $"Kept{Guid.NewGuid():N}"[..14]; // not the catalogue's brand: other tests count its five products
        var word = "teffa" + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        Task Publish(string name) => shop.PublishAsync(new
        {
            name, nameAm = "ጤፍ", brand, categorySlug = "spices", sku = $"S-{Guid.NewGuid():N}"[..16], priceEtb = 90m, stock = 4, publish = true
        });
        long BrandCount(JsonElement r) => Facet(r, "brands").GetValueOrDefault(brand);
        await Publish($"White {word} flour");
        await Eventually.Until(() => shop.SearchAsync($"q={word}"), r => BrandCount(r) == 1, "the first product in the facets");
        Assert.Equal(1, BrandCount(await shop.SearchAsync($"q={word.ToUpperInvariant()}"))); // the same facets, kept

        await Publish($"Brown {word} flour");

        return new KeptThenIndexed(brand, await Eventually.Until(() => shop.SearchAsync($"q={word}"), r => BrandCount(r) == 2, "the product indexed later in the kept facets"));
    });

    [Fact]
    public async Task Facets_kept_for_a_search_count_a_product_indexed_after_they_were_kept()
    {
        var kept = await KeptThenIndexedAsync();
        Assert.Equal(2, Facet(kept.After, "brands")[kept.Brand]);
    }

    [Fact]
    public async Task An_answer_kept_for_a_search_gives_way_to_one_with_a_product_indexed_after_it_was_kept()
    {
        var kept = await KeptThenIndexedAsync();
        Assert.Equal(2, Total(kept.After));
        Assert.Equal(2, kept.After.GetProperty("hits").GetArrayLength());
    }

    // Sorting and paging.

    [Fact]
    public async Task Results_sort_by_price() =>
        Assert.Equal(["Mitmita chilli powder", "Berbere spice mix", "Sidamo coffee beans", "Yirgacheffe coffee beans", "Harar longberry coffee"],
            await NamesAsync("sort=PriceAsc"));

    [Fact]
    public async Task Pages_of_a_sorted_search_hold_every_result_once()
    {
        var page1 = await NamesAsync("sort=PriceAsc&pageSize=2&page=1");
        var page2 = await NamesAsync("sort=PriceAsc&pageSize=2&page=2");
        var page3 = await NamesAsync("sort=PriceAsc&pageSize=2&page=3");
        Assert.Equal(5, page1.Concat(page2).Concat(page3).Distinct().Count());
    }

    [Fact]
    public async Task A_page_size_over_the_limit_is_a_400()
    {
        using var bad = await _shop.Http.GetAsync("/api/search?pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
