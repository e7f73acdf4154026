namespace AddisPay.IntegrationTests.Search;

/// <summary>
/// Relevance ranks a bounded set of candidates (matches in the title first, then in stock, rating, newest) and pages on
/// past them in that order. Run with two ranked candidates so six products cross the boundary: a setting that changes
/// what the other search tests see, so a platform of its own.
/// </summary>
public sealed class SearchRankingTests(SearchRankingTests.Platform platform) : IClassFixture<SearchRankingTests.Platform>
{
    public sealed class Platform : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new("products,search", new() { ["AddisPay:Search:RankedCandidates"] = "2" });
        public string Brand { get; } = $"Rank{Guid.NewGuid():N}"[..14];

        public async Task InitializeAsync()
        {
            var http = Factory.CreateClient();
            (await http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories", new { slug = "grains", name = "Grains", nameAm = "እህል" }, Tokens.Admin())))
                .EnsureSuccessStatusCode();
            // Created one after another, so each is newer than the one before.
            foreach (var (name, description, stock) in new[]
                     {
                         ("Teff flour white", (string?)null, 10), ("Red teff grain", null, 0), ("Ivory teff flour", null, 10),
                         ("Injera mitad", "Bakes teff injera evenly", 10), ("Clay wot pot", "Also good for teff porridge", 0), ("Mesob basket", "Keeps teff injera warm", 10)
                     })
                (await http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
                {
                    name, nameAm = "ጤፍ", brand = Brand, categorySlug = "grains", description, sku = $"R-{Guid.NewGuid():N}"[..16], priceEtb = 100m, stock, publish = true
                }, Tokens.Admin()))).EnsureSuccessStatusCode();
            await Eventually.Until(() => http.GetFromJsonAsync<JsonElement>($"/api/search?brand={Brand}"), r => r.GetProperty("total").GetInt64() == 6, "the six products to be indexed");
        }

        public Task DisposeAsync()
        {
            Factory.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly HttpClient _http = platform.Factory.CreateClient();

    private async Task<string[]> NamesAsync(string query) =>
        (await _http.GetFromJsonAsync<JsonElement>($"/api/search?brand={platform.Brand}&{query}")).GetProperty("hits").EnumerateArray()
        .Select(h => h.GetProperty("name").GetString()!).ToArray();

    // "teff" is in the English name of three products (and in every Amharic name, which does not match the Latin word)
    // and only in the description of three others.
    private Task<string[]> AllAsync() => NamesAsync("q=teff&pageSize=20");

    [Fact]
    public async Task Title_matches_come_before_description_matches()
    {
        var all = await AllAsync();
        Assert.Equal(6, all.Length);
        string[] titles = ["Teff flour white", "Red teff grain", "Ivory teff flour"];
        Assert.Equal(titles.Order(), all.Take(3).Order());
    }

    [Fact]
    public async Task The_ranked_candidates_are_the_in_stock_title_matches_and_the_out_of_stock_one_follows_them()
    {
        var all = await AllAsync();
        Assert.Equal(["Ivory teff flour", "Teff flour white"], all.Take(2).Order());
        Assert.Equal("Red teff grain", all[2]);
    }

    [Fact]
    public async Task Description_matches_follow_in_preference_order_in_stock_before_out_of_stock()
    {
        var all = await AllAsync();
        Assert.Equal(["Injera mitad", "Mesob basket"], all.Skip(3).Take(2).Order());
        Assert.Equal("Clay wot pot", all[5]);
    }

    /// <summary>Page by page, across the boundary of the ranked candidates and with page sizes that straddle it.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Paging_crosses_the_ranked_candidates_in_the_order_of_the_whole_answer(int size)
    {
        var all = await AllAsync();
        var paged = new List<string>();
        for (var page = 1; paged.Count < 6; page++)
        {
            var names = await NamesAsync($"q=teff&pageSize={size}&page={page}");
            Assert.NotEmpty(names);
            paged.AddRange(names);
        }
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task A_page_past_the_last_match_is_empty() =>
        Assert.Empty(await NamesAsync("q=teff&pageSize=3&page=3"));
}
