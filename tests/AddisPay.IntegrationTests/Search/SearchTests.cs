using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Products.Contracts;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Search;

/// <summary>Search, fed by Products' events: relevance in English and Amharic, misspellings, prefixes, facets, catching up.</summary>
public sealed class SearchTests(SearchTests.Platform platform) : IClassFixture<SearchTests.Platform>
{
    public sealed class Platform : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new("products,search");
        public string Brand { get; } = $"Brand{Guid.NewGuid():N}"[..14];

        public async Task InitializeAsync()
        {
            var http = Factory.CreateClient();
            async Task Post(string url, object body) =>
                (await http.SendAsync(Shop.Request(HttpMethod.Post, url, body, Tokens.Admin()))).EnsureSuccessStatusCode();
            await Post("/api/products/categories", new { slug = "coffee", name = "Coffee", nameAm = "ቡና" });
            await Post("/api/products/categories", new { slug = "spices", name = "Spices", nameAm = "ቅመማ ቅመም" });
            object Product(string name, string nameAm, string category, decimal price, int stock, string? description = null) => new
            {
                name, nameAm, brand = Brand, categorySlug = category, description, sku = $"S-{Guid.NewGuid():N}"[..16], priceEtb = price, stock, publish = true
            };
            await Post("/api/products", Product("Yirgacheffe coffee beans", "የይርጋጨፌ ቡና", "coffee", 650m, 10, "Floral, bright coffee from Gedeo"));
            await Post("/api/products", Product("Sidamo coffee beans", "የሲዳሞ ቡና", "coffee", 590m, 0));
            await Post("/api/products", Product("Harar longberry coffee", "የሐረር ቡና", "coffee", 1200m, 5));
            await Post("/api/products", Product("Berbere spice mix", "በርበሬ", "spices", 380m, 50, "Hot chilli blend for wot"));
            await Post("/api/products", Product("Mitmita chilli powder", "ሚጥሚጣ", "spices", 260m, 20));
            await Eventually.Until(() => SearchAsync(http, $"brand={Brand}"), r => r.GetProperty("total").GetInt64() == 5, "the five products to be indexed");
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly HttpClient _http = platform.Factory.CreateClient();

    private static Task<JsonElement> SearchAsync(HttpClient http, string query) => http.GetFromJsonAsync<JsonElement>($"/api/search?{query}")!;

    private async Task<string[]> NamesAsync(string query) =>
        (await SearchAsync(_http, $"brand={platform.Brand}&{query}")).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToArray();

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

    /// <summary>A category of its own with one product in it, indexed; its slug and the product's brand.</summary>
    private async Task<(string Slug, string Brand)> FiledProductAsync(string categoryName)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var (slug, brand) = ($"roasts-{token}", $"Roaster{token}");
        (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories", new { slug, name = categoryName, nameAm = "ቀላል ቁሌት" }, Tokens.Admin())))
            .EnsureSuccessStatusCode();
        (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Guji natural", nameAm = "የጉጂ ቡና", brand, categorySlug = slug, sku = $"R-{token}", priceEtb = 610m, stock = 4, publish = true }, Tokens.Admin())))
            .EnsureSuccessStatusCode();
        await Eventually.Until(() => SearchAsync(_http, $"brand={brand}"), r => r.GetProperty("total").GetInt64() == 1, "the product to be indexed");
        return (slug, brand);
    }

    private async Task SendAsync<T>(Mediator.ICommand<T> command)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command);
    }

    [Fact]
    public async Task A_renamed_category_is_found_by_its_new_name_and_no_longer_by_the_old_one()
    {
        var (slug, brand) = await FiledProductAsync("Qorqoro roasts");

        await SendAsync(new RenameStaffCategory(slug, "Bunabet roasts", "የቡናቤት ቁሌት"));

        await Eventually.Until(() => SearchAsync(_http, $"brand={brand}&q=bunabet"), r => r.GetProperty("total").GetInt64() == 1, "the new name to be searchable");
        Assert.Equal(0, (await SearchAsync(_http, $"brand={brand}&q=qorqoro")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await SearchAsync(_http, $"brand={brand}&q=የቡናቤት")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_category_moved_under_another_brings_its_products_into_that_categorys_listing_and_facets()
    {
        var (slug, brand) = await FiledProductAsync("Moved roasts");

        await SendAsync(new MoveStaffCategory(slug, "spices"));

        var listed = await Eventually.Until(() => SearchAsync(_http, $"brand={brand}&category=spices"), r => r.GetProperty("total").GetInt64() == 1,
            "the moved category's product under spices");
        Assert.Contains(listed.GetProperty("facets").GetProperty("categories").EnumerateArray(), f => f.GetProperty("value").GetString() == slug);
    }

    [Fact]
    public async Task Facet_counts_match_the_filters()
    {
        var all = await SearchAsync(_http, $"brand={platform.Brand}");
        var categories = all.GetProperty("facets").GetProperty("categories").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(3, categories["coffee"]);
        Assert.Equal(2, categories["spices"]);
        foreach (var (slug, count) in categories)
            Assert.Equal(count, (await SearchAsync(_http, $"brand={platform.Brand}&category={slug}")).GetProperty("total").GetInt64());

        var stock = all.GetProperty("facets").GetProperty("availability").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(4, stock["in_stock"]);
        Assert.Equal(1, stock["out_of_stock"]);
        Assert.Equal(4, (await SearchAsync(_http, $"brand={platform.Brand}&inStock=true")).GetProperty("total").GetInt64());

        var prices = all.GetProperty("facets").GetProperty("priceRanges").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(2, prices["0-500"]);
        Assert.Equal(2, (await SearchAsync(_http, $"brand={platform.Brand}&maxPriceEtb=499")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_category_listing_pages_across_its_subcategories_and_its_facet_counts_follow_price_changes_selling_out_and_archiving()
    {
        var brand = $"Facet{Guid.NewGuid():N}"[..14];
        var listing = $"brand={brand}&category=coffee";
        (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories",
            new { slug = "coffee-gifts", name = "Coffee gifts", nameAm = "የቡና ስጦታ", parentSlug = "coffee" }, Tokens.Admin()))).EnsureSuccessStatusCode();
        async Task<Guid> Create(string name, string category, decimal price, int stock)
        {
            using var created = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
                new { name, nameAm = "ቡና", brand, categorySlug = category, sku = $"F-{Guid.NewGuid():N}"[..16], priceEtb = price, stock, publish = true }, Tokens.Admin()));
            created.EnsureSuccessStatusCode();
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        static Dictionary<string, long> Facet(JsonElement result, string name) =>
            result.GetProperty("facets").GetProperty(name).EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        async Task<string[]> Page(string sort, int page) =>
            (await SearchAsync(_http, $"{listing}&sort={sort}&pageSize=1&page={page}")).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToArray();
        var limu = await Create("Limu coffee beans", "coffee", 400m, 3);
        await Create("Guji coffee gift box", "coffee-gifts", 3000m, 1);
        await Create("Kaffa coffee sampler", "coffee-gifts", 450m, 2);
        var all = await Eventually.Until(() => SearchAsync(_http, listing), r => r.GetProperty("total").GetInt64() == 3, "the three products indexed");
        Assert.Equal(new Dictionary<string, long> { ["0-500"] = 2, ["2500-5000"] = 1 }, Facet(all, "priceRanges"));
        Assert.Equal(new Dictionary<string, long> { ["in_stock"] = 3 }, Facet(all, "availability"));
        Assert.Equal(new Dictionary<string, long> { ["coffee"] = 3, ["coffee-gifts"] = 2 }, Facet(all, "categories"));
        // One product a page: the listing's order runs across the category's own products and its subcategory's.
        Assert.Equal(["Limu coffee beans", "Kaffa coffee sampler", "Guji coffee gift box"], [.. await Page("PriceAsc", 1), .. await Page("PriceAsc", 2), .. await Page("PriceAsc", 3)]);
        Assert.Equal(["Guji coffee gift box", "Kaffa coffee sampler", "Limu coffee beans"], [.. await Page("PriceDesc", 1), .. await Page("PriceDesc", 2), .. await Page("PriceDesc", 3)]);
        Assert.Empty(await Page("PriceAsc", 4));

        (await _http.SendAsync(Shop.Request(HttpMethod.Put, $"/api/products/{limu}/price", new { priceEtb = 700m }, Tokens.Admin()))).EnsureSuccessStatusCode();
        var repriced = await Eventually.Until(() => SearchAsync(_http, listing), r => Facet(r, "priceRanges").ContainsKey("500-1000"), "the new price's range counted");
        Assert.Equal(new Dictionary<string, long> { ["0-500"] = 1, ["500-1000"] = 1, ["2500-5000"] = 1 }, Facet(repriced, "priceRanges"));
        Assert.Equal(["Limu coffee beans"], await Page("PriceAsc", 2));

        var sku = (await _http.GetFromJsonAsync<JsonElement>($"/api/products/{(await SearchAsync(_http, listing + "&sort=PriceDesc")).GetProperty("hits")[0].GetProperty("slug").GetString()}"))
            .GetProperty("variants")[0].GetProperty("sku").GetString();
        (await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{sku}/adjustments", new { delta = -1, reason = "damaged" }, Tokens.Admin()))).EnsureSuccessStatusCode();
        var soldOut = await Eventually.Until(() => SearchAsync(_http, listing), r => Facet(r, "availability").ContainsKey("out_of_stock"), "the sold-out gift box counted");
        Assert.Equal(new Dictionary<string, long> { ["in_stock"] = 2, ["out_of_stock"] = 1 }, Facet(soldOut, "availability"));
        Assert.Equal(2, (await SearchAsync(_http, listing + "&inStock=true")).GetProperty("total").GetInt64());

        (await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{limu}/archive", null, Tokens.Admin()))).EnsureSuccessStatusCode();
        var left = await Eventually.Until(() => SearchAsync(_http, listing + "&sort=PriceAsc"), r => r.GetProperty("total").GetInt64() == 2, "the archived product gone");
        Assert.Equal(new Dictionary<string, long> { ["coffee"] = 2, ["coffee-gifts"] = 2 }, Facet(left, "categories"));
        Assert.Equal(["Kaffa coffee sampler", "Guji coffee gift box"], left.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToArray());

        // The kept counts (what listings without words read) agree with counting every entry, key by key.
        await using var conn = new Npgsql.NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var compare = new Npgsql.NpgsqlCommand("""
            select count(*) from (select "FacetKey", count(*) as n from search.entries group by 1) e
              full join (select "FacetKey", "Count" as n from search.facet_counts where "Count" <> 0) f on f."FacetKey" = e."FacetKey"
             where e.n is distinct from f.n
            """, conn);
        Assert.Equal(0L, (long)(await compare.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_misspelt_word_is_corrected_from_the_catalogue_words_and_the_facets_follow_the_corrected_words()
    {
        var result = await SearchAsync(_http, $"brand={platform.Brand}&q=yirgachefe%20coffee");
        Assert.Equal("yirgacheffe coffee", result.GetProperty("correctedText").GetString());
        Assert.Equal(["Yirgacheffe coffee beans"], result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(1, result.GetProperty("total").GetInt64());
        var categories = result.GetProperty("facets").GetProperty("categories").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["coffee"] = 1 }, categories);

        // Words the catalogue has are searched as typed: no correction, and nothing found is nothing found.
        var exact = await SearchAsync(_http, $"brand={platform.Brand}&q=yirgacheffe");
        Assert.Equal(JsonValueKind.Null, exact.GetProperty("correctedText").ValueKind);
        var nothing = await SearchAsync(_http, $"brand={platform.Brand}&q=%22chilli%20coffee%22");
        Assert.Equal(0, nothing.GetProperty("total").GetInt64());
        Assert.Equal(JsonValueKind.Null, nothing.GetProperty("correctedText").ValueKind);
    }

    [Fact]
    public async Task The_lexicon_learns_the_words_of_products_published_later_and_a_reindex_keeps_them()
    {
        var brand = $"Other{Guid.NewGuid():N}"[..14]; // not the fixture's brand: the other tests count its five products
        (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
        {
            name = "Awaze chilli paste", nameAm = "አዋዜ", brand, categorySlug = "spices", sku = $"S-{Guid.NewGuid():N}"[..16], priceEtb = 150m,
            stock = 5, publish = true
        }, Tokens.Admin()))).EnsureSuccessStatusCode();
        var found = await Eventually.Until(() => SearchAsync(_http, $"brand={brand}&q=awazze"),
            r => r.GetProperty("total").GetInt64() == 1, "the misspelt new word to find the new product");
        Assert.Equal("awaze", found.GetProperty("correctedText").GetString());
        Assert.Equal("Awaze chilli paste", found.GetProperty("hits")[0].GetProperty("name").GetString());

        using (var reindex = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/search/reindex", null, Tokens.Admin())))
            Assert.Equal(HttpStatusCode.OK, reindex.StatusCode);
        var again = await SearchAsync(_http, $"q=awazze");
        Assert.Equal("awaze", again.GetProperty("correctedText").GetString());
        Assert.Equal("Awaze chilli paste", again.GetProperty("hits")[0].GetProperty("name").GetString());
        // The fixture's chilli powder and berbere (chilli in its description) and this paste.
        Assert.Equal(3, (await SearchAsync(_http, "q=chilli")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Facets_kept_for_a_search_count_a_product_indexed_after_they_were_kept()
    {
        var brand = $"Kept{Guid.NewGuid():N}"[..14]; // not the fixture's brand: the other tests count its five products
        var word = "teffa" + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        async Task Publish(string name) => (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
        {
            name, nameAm = "ጤፍ", brand, categorySlug = "spices", sku = $"S-{Guid.NewGuid():N}"[..16], priceEtb = 90m, stock = 4, publish = true
        }, Tokens.Admin()))).EnsureSuccessStatusCode();
        static long BrandCount(JsonElement r, string brand) => r.GetProperty("facets").GetProperty("brands").EnumerateArray()
            .Where(f => f.GetProperty("value").GetString() == brand).Select(f => f.GetProperty("count").GetInt64()).SingleOrDefault();
        await Publish($"White {word} flour");
        await Eventually.Until(() => SearchAsync(_http, $"q={word}"), r => BrandCount(r, brand) == 1, "the first product in the facets");
        Assert.Equal(1, BrandCount(await SearchAsync(_http, $"q={word.ToUpperInvariant()}"), brand)); // the same facets, kept

        await Publish($"Brown {word} flour");

        var after = await Eventually.Until(() => SearchAsync(_http, $"q={word}"), r => BrandCount(r, brand) == 2, "the product indexed later in the kept facets");
        Assert.Equal(2, after.GetProperty("total").GetInt64());
        Assert.Equal(2, after.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task Facets_of_a_word_search_count_its_matches_and_a_minus_word_is_left_out()
    {
        var coffee = await SearchAsync(_http, $"brand={platform.Brand}&q=coffee");
        Assert.Equal(3, coffee.GetProperty("total").GetInt64());
        var facets = coffee.GetProperty("facets");
        long Count(string facet, string value) =>
            facets.GetProperty(facet).EnumerateArray().Where(f => f.GetProperty("value").GetString() == value).Select(f => f.GetProperty("count").GetInt64()).SingleOrDefault();
        Assert.Equal(3, Count("categories", "coffee"));
        Assert.Equal(0, Count("categories", "spices"));
        Assert.Equal(3, Count("brands", platform.Brand));
        Assert.Equal(2, Count("availability", "in_stock"));
        Assert.Equal(1, Count("availability", "out_of_stock"));
        Assert.Equal(2, (await SearchAsync(_http, $"brand={platform.Brand}&q=coffee&inStock=true")).GetProperty("total").GetInt64());
        Assert.Equal(1, Count("priceRanges", "1000-2500"));
        Assert.Equal(1, (await SearchAsync(_http, $"brand={platform.Brand}&q=coffee&minPriceEtb=1000")).GetProperty("total").GetInt64());

        Assert.Equal(["Harar longberry coffee", "Yirgacheffe coffee beans"],
            (await NamesAsync("q=coffee%20-sidamo")).Order().ToArray());
    }

    [Fact]
    public async Task Results_sort_by_price_and_page_stably()
    {
        Assert.Equal(["Mitmita chilli powder", "Berbere spice mix", "Sidamo coffee beans", "Yirgacheffe coffee beans", "Harar longberry coffee"],
            await NamesAsync("sort=PriceAsc"));
        var page1 = await NamesAsync("sort=PriceAsc&pageSize=2&page=1");
        var page2 = await NamesAsync("sort=PriceAsc&pageSize=2&page=2");
        var page3 = await NamesAsync("sort=PriceAsc&pageSize=2&page=3");
        Assert.Equal(5, page1.Concat(page2).Concat(page3).Distinct().Count());
        using var bad = await _http.GetAsync("/api/search?pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Suggestions_complete_what_the_shopper_types()
    {
        async Task<string[]> Suggest(string typed) => (await _http.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q={Uri.EscapeDataString(typed)}"))
            .EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();

        Assert.Contains("Yirgacheffe coffee beans", await Suggest("yirg"));
        Assert.Contains("Yirgacheffe coffee beans", await Suggest("yirgacheffe coffee")); // whole words, indexed by their English stems
        // Any word of the name, in stock first: the sold-out Sidamo beans come after the coffees that can be bought.
        var coffees = await Suggest("cof");
        Assert.Contains("Harar longberry coffee", coffees);
        Assert.True(Array.IndexOf(coffees, "Sidamo coffee beans") > Array.IndexOf(coffees, "Harar longberry coffee"));
        Assert.Contains("የይርጋጨፌ ቡና", (await _http.GetFromJsonAsync<JsonElement>("/api/search/suggest?q=" + Uri.EscapeDataString("ቡ")))
            .EnumerateArray().Select(s => s.GetProperty("nameAm").GetString()));
        // A misspelt word is corrected from the catalogue's words.
        Assert.Equal(["Berbere spice mix"], await Suggest("berbre"));
        Assert.Empty(await Suggest("qqqq"));
        using var tooLong = await _http.GetAsync("/api/search/suggest?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Products_that_share_a_name_make_one_suggestion()
    {
        var brand = $"Twin{Guid.NewGuid():N}"[..14];
        for (var i = 0; i < 3; i++)
            (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
                new { name = "Gamo highland shawl", nameAm = "የጋሞ ጋቢ", brand, sku = $"TW-{Guid.NewGuid():N}"[..16], priceEtb = 900m + i, stock = 4, publish = true },
                Tokens.Admin()))).EnsureSuccessStatusCode();
        await Eventually.Until(() => SearchAsync(_http, $"brand={brand}"), r => r.GetProperty("total").GetInt64() == 3, "the three shawls indexed");

        var suggestions = (await _http.GetFromJsonAsync<JsonElement>("/api/search/suggest?q=gamo%20hi")).EnumerateArray().ToList();
        Assert.Equal("Gamo highland shawl", Assert.Single(suggestions).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_model_number_being_typed_is_completed_though_the_catalogue_words_leave_numbers_out()
    {
        var brand = $"Model{Guid.NewGuid():N}"[..14];
        (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Tecno Spark 20 phone", nameAm = "ቴክኖ ስፓርክ 20", brand, sku = $"MD-{Guid.NewGuid():N}"[..16], priceEtb = 12500m, stock = 2, publish = true },
            Tokens.Admin()))).EnsureSuccessStatusCode();
        await Eventually.Until(() => SearchAsync(_http, $"brand={brand}"), r => r.GetProperty("total").GetInt64() == 1, "the phone indexed");

        var suggestions = await _http.GetFromJsonAsync<JsonElement>("/api/search/suggest?q=tecno%20spark%202");
        Assert.Contains(suggestions.EnumerateArray(), s => s.GetProperty("name").GetString() == "Tecno Spark 20 phone");
    }

    [Fact]
    public async Task Price_changes_and_archiving_reach_the_index_and_a_reindex_rebuilds_it()
    {
        var hit = (await SearchAsync(_http, $"brand={platform.Brand}&q=mitmita")).GetProperty("hits")[0];
        var id = hit.GetProperty("productId").GetGuid();
        (await _http.SendAsync(Shop.Request(HttpMethod.Put, $"/api/products/{id}/price", new { priceEtb = 275.50m }, Tokens.Admin()))).EnsureSuccessStatusCode();
        await Eventually.Until(() => SearchAsync(_http, $"brand={platform.Brand}&q=mitmita"),
            r => r.GetProperty("hits")[0].GetProperty("priceEtb").GetDecimal() == 275.50m, "the new price in the index");

        using var reindex = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/search/reindex", null, Tokens.Admin()));
        Assert.Equal(HttpStatusCode.OK, reindex.StatusCode);
        Assert.True((await reindex.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents").GetInt32() >= 5);
        Assert.Equal(275.50m, (await SearchAsync(_http, $"brand={platform.Brand}&q=mitmita")).GetProperty("hits")[0].GetProperty("priceEtb").GetDecimal());
    }

    [Fact]
    public async Task Stock_reaches_the_index_when_a_product_sells_out_or_comes_back_and_other_stock_changes_rewrite_nothing()
    {
        var brand = $"Stock{Guid.NewGuid():N}"[..14];
        var sku = $"ST-{Guid.NewGuid():N}"[..16];
        (await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Wild forest honey", nameAm = "የጫካ ማር", brand, sku, priceEtb = 420m, stock = 3, publish = true }, Tokens.Admin()))).EnsureSuccessStatusCode();
        await Eventually.Until(() => SearchAsync(_http, $"brand={brand}&inStock=true"), r => r.GetProperty("total").GetInt64() == 1, "the product indexed in stock");
        async Task Adjust(int delta, string reason) =>
            (await _http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{sku}/adjustments", new { delta, reason }, Tokens.Admin()))).EnsureSuccessStatusCode();
        async Task<string> DocumentVersion()
        {
            await using var conn = new Npgsql.NpgsqlConnection(platform.Factory.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("""
                select d.xmin::text from search.documents d join search.entries e on e."ProductId" = d."ProductId"
                 where d."Brand" = @brand
                """, conn);
            cmd.Parameters.AddWithValue("brand", brand);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        var before = await DocumentVersion();
        await Adjust(-2, "count_correction"); // 1 left: still in stock
        // Search's inbox moves past the stock change (it subscribes only to running out and coming back).
        var searchInbox = new InboxDescriptor("search", ModuleInbox.SubscriptionName("search"), ["products.stock_changed"]);
        await Eventually.Until(() => SubscriptionMonitor.ReadAsync(platform.Factory.ConnectionString, searchInbox, CancellationToken.None),
            m => m.Backlog == 0 && m.Position > 0, "Search to pass the stock change");
        Assert.Equal(before, await DocumentVersion());
        Assert.Equal(1, (await SearchAsync(_http, $"brand={brand}&inStock=true")).GetProperty("total").GetInt64());

        await Adjust(-1, "damaged"); // sold out
        await Eventually.Until(() => SearchAsync(_http, $"brand={brand}&inStock=false"), r => r.GetProperty("total").GetInt64() == 1, "the product out of stock in the index");
        Assert.Equal(0, (await SearchAsync(_http, $"brand={brand}&inStock=true")).GetProperty("total").GetInt64());

        await Adjust(4, "restock");
        await Eventually.Until(() => SearchAsync(_http, $"brand={brand}&inStock=true"), r => r.GetProperty("total").GetInt64() == 1, "the product back in stock in the index");
    }
}
