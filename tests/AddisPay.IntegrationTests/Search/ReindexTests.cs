using static AddisPay.IntegrationTests.Search.SearchShop;

namespace AddisPay.IntegrationTests.Search;

/// <summary>
/// A reindex (POST /api/search/reindex) rebuilds the index from Products: what the events had brought in (a price changed
/// since publication, the words of a product published later) is still there after it.
/// </summary>
[Collection(SearchPlatform.Collection)]
public sealed class ReindexTests(SearchPlatform platform)
{
    /// <summary>
    /// One reindex after the catalogue's mitmita was repriced and a product published later (<see cref="SearchShop"/>): its
    /// answer, and then the mitmita's price, a search for the later product's misspelt word, and the count of "chilli".
    /// </summary>
    private sealed record Reindexed(HttpStatusCode Status, JsonElement Answer, decimal MitmitaPrice, JsonElement Misspelt, long Chilli);

    private Task<Reindexed> ReindexedAsync() => platform.ArrangedAsync(async shop =>
    {
        await RepricedMitmitaAsync(platform);
        await LaterProductAsync(platform);
        using var reindex = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/search/reindex", null, Tokens.Admin()));
        var answer = await reindex.Content.ReadFromJsonAsync<JsonElement>();
        var mitmita = (await shop.SearchAsync($"brand={platform.Brand}&q=mitmita")).GetProperty("hits")[0].GetProperty("priceEtb").GetDecimal();
        return new Reindexed(reindex.StatusCode, answer, mitmita, await shop.SearchAsync("q=awazze"), Total(await shop.SearchAsync("q=chilli")));
    });

    [Fact]
    public async Task A_reindex_answers_with_the_number_of_documents_it_indexed()
    {
        var reindexed = await ReindexedAsync();
        Assert.Equal(HttpStatusCode.OK, reindexed.Status);
        Assert.True(reindexed.Answer.GetProperty("documents").GetInt32() >= 5);
    }

    [Fact]
    public async Task A_reindex_keeps_a_price_changed_since_the_product_was_published() =>
        Assert.Equal(275.50m, (await ReindexedAsync()).MitmitaPrice);

    [Fact]
    public async Task A_reindex_keeps_the_words_the_lexicon_learnt_from_products_published_later() =>
        Assert.Equal("awaze", (await ReindexedAsync()).Misspelt.GetProperty("correctedText").GetString());

    [Fact]
    public async Task A_reindex_keeps_finding_the_products_by_their_words()
    {
        var reindexed = await ReindexedAsync();
        Assert.Equal("Awaze chilli paste", reindexed.Misspelt.GetProperty("hits")[0].GetProperty("name").GetString());
        // The catalogue's chilli powder and berbere (chilli in its description) and the paste published later.
        Assert.Equal(3, reindexed.Chilli);
    }
}
