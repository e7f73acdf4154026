namespace AddisPay.IntegrationTests.Search;

/// <summary>
/// Whole answers and facets kept per process (SearchProducts' <c>FacetCache</c>) with two Search processes on one database,
/// as two replicas of the search pod run (issue 21, item 7): the test server (Products and Search) and one Host process
/// with Search only. Neither tells the other anything; each must notice any writer's change to the index from
/// <c>search.index_generation</c> at its next search. The same behaviour in one process: SearchProductsTests (kept answers) and IndexProductsTests.
/// </summary>
public sealed class SearchCachesAcrossProcessesTests(SearchCachesAcrossProcessesTests.Processes processes) : IClassFixture<SearchCachesAcrossProcessesTests.Processes>
{
    /// <summary>
    /// Search in the test server (with Products, which takes the writes) and Search alone in one Host process: one process
    /// more than the in-process search tests, the cheapest way to have two caches over one index.
    /// </summary>
    public sealed class Processes : IAsyncLifetime
    {
        public PlatformFactory Here { get; } = new("products,search");
        public HostProcess There { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // The test server migrates every schema first, so the process started after it finds them ready.
            Here.CreateClient().Dispose();
            There = await HostProcess.StartAsync("search", Here.ConnectionString);
        }

        public async Task DisposeAsync()
        {
            if (There is not null) await There.DisposeAsync();
            Here.Dispose();
        }
    }

    /// <summary>The event lag allowed: product event to index write, on a loaded 2-core machine.</summary>
    private static readonly TimeSpan EventLag = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_price_changed_through_products_is_answered_by_both_search_processes_and_never_older_by_the_second_once_the_first_has_it()
    {
        var (brand, id) = await PublishAsync(400.00m);
        using var first = processes.Here.CreateClient();
        using var second = processes.There.Client();
        await BothKeepAsync(first, second, brand, hit => hit?.GetProperty("priceEtb").GetDecimal() == 400.00m);

        using (var reprice = await first.SendAsync(Shop.Request(HttpMethod.Put, $"/api/products/{id}/price", new { priceEtb = 455.00m }, Tokens.Admin())))
            await Shop.Expect(reprice, HttpStatusCode.OK);

        await Eventually.Until(() => HitAsync(first, brand), hit => hit?.GetProperty("priceEtb").GetDecimal() == 455.00m,
            "the new price from the first search process", EventLag);
        // The index the first answered from is the one the second reads: what it kept under the older generation must go.
        var fromSecond = await HitAsync(second, brand);
        Assert.Equal(455.00m, fromSecond?.GetProperty("priceEtb").GetDecimal());
    }

    [Fact]
    public async Task A_product_archived_after_both_search_processes_kept_an_answer_with_it_is_answered_by_neither_once_the_index_dropped_it()
    {
        var (brand, id) = await PublishAsync(300.00m);
        using var first = processes.Here.CreateClient();
        using var second = processes.There.Client();
        await BothKeepAsync(first, second, brand, hit => hit is not null);

        using (var archive = await first.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{id}/archive", null, Tokens.Admin())))
            await Shop.Expect(archive, HttpStatusCode.OK);

        await Eventually.Until(() => HitAsync(second, brand), hit => hit is null, "the archived product gone from the second search process", EventLag);
        // Whichever process's subscription removed it, the first kept its answer before that write: it must not serve it now.
        Assert.Null(await HitAsync(first, brand));
    }

    /// <summary>A published product of a brand of its own (the query below finds nothing else), through Products.</summary>
    private async Task<(string Brand, Guid Id)> PublishAsync(decimal price)
    {
        var brand = "Brand" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        using var http = processes.Here.CreateClient();
        using var created = await http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", new
        {
            name = "Guji coffee beans", nameAm = "የጉጂ ቡና", brand, sku = $"XP-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), priceEtb = price, stock = 8, publish = true
        }, Tokens.Admin()));
        await Shop.Expect(created, HttpStatusCode.Created);
        return (brand, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>Each process answers the search once it sees the product as <paramref name="expected"/>, and answers it again (now kept).</summary>
    private static async Task BothKeepAsync(HttpClient first, HttpClient second, string brand, Func<JsonElement?, bool> expected)
    {
        foreach (var process in new[] { first, second })
        {
            await Eventually.Until(() => HitAsync(process, brand), expected, $"the product indexed as expected on {process.BaseAddress}", EventLag);
            Assert.True(expected(await HitAsync(process, brand)));
        }
    }

    /// <summary>The only hit of "coffee" for the brand, or null when there is none.</summary>
    private static async Task<JsonElement?> HitAsync(HttpClient search, string brand)
    {
        var result = await search.GetFromJsonAsync<JsonElement>($"/api/search?q=coffee&brand={brand}");
        var hits = result.GetProperty("hits").EnumerateArray().ToList();
        Assert.True(hits.Count <= 1, $"one product of brand {brand} at most, found {hits.Count}");
        return hits.Count == 0 ? null : hits[0];
    }
}
