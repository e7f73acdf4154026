namespace AddisPay.IntegrationTests.Reviews;

/// <summary>
/// The ratings reviews publish, on their way into the other modules: Search filters, facets and sorts by them, and keeps
/// them through a reindex; Products shows them on the product page.
/// </summary>
[Collection(ReviewsPlatform.Collection)]
public sealed class RatingsInSearchTests(ReviewsPlatform platform)
{
    private readonly ReviewShop _shop = new(platform.Factory);

    private sealed record RatedBrand(string Brand, Guid Loved, Guid Mixed, Guid Unrated);

    /// <summary>Three products of a new brand: Loved coffee rated 5 and 4, Mixed coffee 2 and 3, Unrated coffee not rated.</summary>
    private async Task<RatedBrand> RatedBrandAsync()
    {
        var brand = $"Rated{Guid.NewGuid():N}"[..14];
        var rated = new RatedBrand(brand, await _shop.NewProductAsync(brand, "Loved coffee"), await _shop.NewProductAsync(brand, "Mixed coffee"),
            await _shop.NewProductAsync(brand, "Unrated coffee"));
        await _shop.WriteAsync(rated.Loved, Customer.New(), 5);
        await _shop.WriteAsync(rated.Loved, Customer.New(), 4);
        await _shop.WriteAsync(rated.Mixed, Customer.New(), 2);
        await _shop.WriteAsync(rated.Mixed, Customer.New(), 3);
        return rated;
    }

    private Task<JsonElement> SearchAsync(RatedBrand rated, string query) => _shop.Http.GetFromJsonAsync<JsonElement>($"/api/search?brand={rated.Brand}&{query}")!;

    private static string[] Names(JsonElement r) => r.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("name").GetString()!).ToArray();

    private Task<JsonElement> EveryRatingIndexedAsync(RatedBrand rated) => Eventually.Until(() => SearchAsync(rated, "sort=Rating"),
        r => r.GetProperty("hits").EnumerateArray().Sum(h => h.GetProperty("ratingCount").GetInt32()) == 4, "every rating to be indexed");

    [Fact]
    public async Task Search_filters_by_a_minimum_rating_counting_every_review_of_a_product()
    {
        var rated = await RatedBrandAsync();
        // Both of Loved coffee's ratings, not just the first: after one 5-star review it already passes minRating=4.
        var found = await Eventually.Until(() => SearchAsync(rated, "minRating=4"),
            r => Names(r) is ["Loved coffee"] && r.GetProperty("hits")[0].GetProperty("ratingCount").GetInt32() == 2, "both ratings to reach the search index");
        Assert.Equal(4.5m, found.GetProperty("hits")[0].GetProperty("rating").GetDecimal());
        Assert.Equal(2, found.GetProperty("hits")[0].GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task The_product_page_shows_the_rating_reviews_published()
    {
        var rated = await RatedBrandAsync();
        var page = await Eventually.Until(() => _shop.Http.GetFromJsonAsync<JsonElement>($"/api/products/{rated.Loved}"),
            p => p.GetProperty("ratingCount").GetInt32() == 2, "the rating to reach the product page");
        Assert.Equal(4.5m, page.GetProperty("rating").GetDecimal());
    }

    [Fact]
    public async Task The_product_page_of_a_product_without_reviews_shows_no_rating()
    {
        var rated = await RatedBrandAsync();
        await Eventually.Until(() => _shop.Http.GetFromJsonAsync<JsonElement>($"/api/products/{rated.Loved}"),
            p => p.GetProperty("ratingCount").GetInt32() == 2, "the rated product's rating to reach its page");
        Assert.Equal(0, (await _shop.Http.GetFromJsonAsync<JsonElement>($"/api/products/{rated.Unrated}")).GetProperty("ratingCount").GetInt32());
    }

    [Fact]
    public async Task Search_sorts_by_rating_with_unrated_products_last()
    {
        var all = await EveryRatingIndexedAsync(await RatedBrandAsync());
        Assert.Equal(new[] { "Loved coffee", "Mixed coffee", "Unrated coffee" }, Names(all));
        Assert.Equal(2.5m, all.GetProperty("hits")[1].GetProperty("rating").GetDecimal());
    }

    [Fact]
    public async Task Search_facets_count_the_products_in_each_rating_band()
    {
        var all = await EveryRatingIndexedAsync(await RatedBrandAsync());
        var facet = all.GetProperty("facets").GetProperty("ratings").EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["4+"] = 1, ["3+"] = 1, ["2+"] = 2 }, facet);
    }

    [Fact]
    public async Task A_reindex_keeps_the_ratings_reviews_published()
    {
        var rated = await RatedBrandAsync();
        await EveryRatingIndexedAsync(rated);

        await _shop.ExpectAsync(HttpMethod.Post, "/api/search/reindex", Tokens.Admin(), HttpStatusCode.OK);

        Assert.Equal(new[] { "Loved coffee" }, Names(await SearchAsync(rated, "minRating=4")));
        Assert.Equal(rated.Unrated, (await SearchAsync(rated, "sort=Rating")).GetProperty("hits")[2].GetProperty("productId").GetGuid());
    }
}
