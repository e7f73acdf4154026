using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Search;

/// <summary>
/// The arrange steps of the Search tests: products and categories written through Products' API (Search learns of them
/// from its events), searches, and the arrangements more than one use-case class asserts on, each made once per platform
/// (<see cref="SearchPlatform.ArrangedAsync{T}"/>).
/// </summary>
public sealed class SearchShop(SearchPlatform platform)
{
    public HttpClient Http { get; } = platform.Factory.CreateClient();

    public Task<JsonElement> SearchAsync(string query) => Http.GetFromJsonAsync<JsonElement>($"/api/search?{query}")!;

    public async Task<string[]> NamesAsync(string query) => Names(await SearchAsync(query));

    public static string[] Names(JsonElement result) => result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToArray();

    public static long Total(JsonElement result) => result.GetProperty("total").GetInt64();

    /// <summary>A facet of a search's answer (categories, brands, availability, priceRanges) as value → count.</summary>
    public static Dictionary<string, long> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());

    public async Task CategoryAsync(object category) =>
        (await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories", category, Tokens.Admin()))).EnsureSuccessStatusCode();

    /// <summary>Creates the product through Products' API; its id.</summary>
    public async Task<Guid> PublishAsync(object product)
    {
        using var created = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products", product, Tokens.Admin()));
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task RepriceAsync(Guid product, decimal price) =>
        (await Http.SendAsync(Shop.Request(HttpMethod.Put, $"/api/products/{product}/price", new { priceEtb = price }, Tokens.Admin()))).EnsureSuccessStatusCode();

    public async Task AdjustAsync(string sku, int delta, string reason) =>
        (await Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/inventory/{sku}/adjustments", new { delta, reason }, Tokens.Admin()))).EnsureSuccessStatusCode();

    public async Task ArchiveAsync(Guid product) =>
        (await Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/products/{product}/archive", null, Tokens.Admin()))).EnsureSuccessStatusCode();

    /// <summary>Sends a command in the platform, as the back office does (category renames and moves have no public route).</summary>
    public async Task SendAsync<T>(Mediator.ICommand<T> command)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command);
    }

    /// <summary>
    /// A category listing of three products of a brand of their own (one in "coffee", two in its subcategory "coffee-gifts",
    /// created here), read at each step of a story: as created, paged one product a page both ways; after the Limu beans'
    /// price moves from 400 to 700 ETB; after the gift box (its only unit) is written off; after the Limu beans are archived.
    /// </summary>
    public sealed record CategoryListing(
        JsonElement Created, string[] PriceAscending, string[] PriceDescending, string[] PastTheEnd,
        JsonElement Repriced, string[] RepricedSecondPage, JsonElement SoldOut, long InStockWhenSoldOut, JsonElement Archived);

    public static Task<CategoryListing> CategoryListingAsync(SearchPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var brand = $"Facet{Guid.NewGuid():N}"[..14];
        var listing = $"brand={brand}&category=coffee";
        await shop.CategoryAsync(new { slug = "coffee-gifts", name = "Coffee gifts", nameAm = "የቡና ስጦታ", parentSlug = "coffee" });
        async Task<(Guid Id, string Sku)> Create(string name, string category, decimal price, int stock)
        {
            var sku = $"F-{Guid.NewGuid():N}"[..16];
            return (await shop.PublishAsync(new { name, nameAm = "ቡና", brand, categorySlug = category, sku, priceEtb = price, stock, publish = true }), sku);
        }
        async Task<string[]> Pages(string sort, params int[] pages)
        {
            var names = new List<string>();
            foreach (var page in pages) names.AddRange(await shop.NamesAsync($"{listing}&sort={sort}&pageSize=1&page={page}"));
            return [.. names];
        }
        var limu = await Create("Limu coffee beans", "coffee", 400m, 3);
        var giftBox = await Create("Guji coffee gift box", "coffee-gifts", 3000m, 1);
        await Create("Kaffa coffee sampler", "coffee-gifts", 450m, 2);
        var created = await Eventually.Until(() => shop.SearchAsync(listing), r => Total(r) == 3, "the three products indexed");
        var (ascending, descending, pastTheEnd) = (await Pages("PriceAsc", 1, 2, 3), await Pages("PriceDesc", 1, 2, 3), await Pages("PriceAsc", 4));

        await shop.RepriceAsync(limu.Id, 700m);
        var repriced = await Eventually.Until(() => shop.SearchAsync(listing), r => Facet(r, "priceRanges").ContainsKey("500-1000"), "the new price's range counted");
        var repricedSecondPage = await Pages("PriceAsc", 2);

        await shop.AdjustAsync(giftBox.Sku, -1, "damaged");
        var soldOut = await Eventually.Until(() => shop.SearchAsync(listing), r => Facet(r, "availability").ContainsKey("out_of_stock"), "the sold-out gift box counted");
        var inStock = Total(await shop.SearchAsync(listing + "&inStock=true"));

        await shop.ArchiveAsync(limu.Id);
        var archived = await Eventually.Until(() => shop.SearchAsync(listing + "&sort=PriceAsc"), r => Total(r) == 2, "the archived product gone");
        return new CategoryListing(created, ascending, descending, pastTheEnd, repriced, repricedSecondPage, soldOut, inStock, archived);
    });

    /// <summary>The catalogue's mitmita repriced from 260 to 275.50 ETB through Products, and found at its new price.</summary>
    public sealed record RepricedMitmita(Guid Id, decimal Price, JsonElement Hit);

    public static Task<RepricedMitmita> RepricedMitmitaAsync(SearchPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var query = $"brand={platform.Brand}&q=mitmita";
        var id = (await shop.SearchAsync(query)).GetProperty("hits")[0].GetProperty("productId").GetGuid();
        await shop.RepriceAsync(id, 275.50m);
        var found = await Eventually.Until(() => shop.SearchAsync(query), r => r.GetProperty("hits")[0].GetProperty("priceEtb").GetDecimal() == 275.50m,
            "the new price in the index");
        return new RepricedMitmita(id, 275.50m, found.GetProperty("hits")[0]);
    });

    /// <summary>
    /// "Awaze chilli paste" (a brand of its own) published after the catalogue, and the first answer to its misspelt word
    /// ("awazze") that finds it. The only product with "chilli" besides the catalogue's mitmita and berbere.
    /// </summary>
    public sealed record LaterProduct(string Brand, JsonElement Found);

    public static Task<LaterProduct> LaterProductAsync(SearchPlatform platform) => platform.ArrangedAsync(async shop =>
    {
        var brand = $"Other{Guid.NewGuid():N}"[..14]; // not the catalogue's brand: other tests count its five products
        await shop.PublishAsync(new
        {
            name = "Awaze chilli paste", nameAm = "አዋዜ", brand, categorySlug = "spices", sku = $"S-{Guid.NewGuid():N}"[..16], priceEtb = 150m, stock = 5, publish = true
        });
        var found = await Eventually.Until(() => shop.SearchAsync($"brand={brand}&q=awazze"), r => Total(r) == 1, "the misspelt new word to find the new product");
        return new LaterProduct(brand, found);
    });
}
