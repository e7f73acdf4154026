using static AddisPay.IntegrationTests.Search.SearchShop;

namespace AddisPay.IntegrationTests.Search;

/// <summary>Suggestions as the shopper types (GET /api/search/suggest), from the catalogue of <see cref="SearchPlatform"/> unless a test publishes its own.</summary>
[Collection(SearchPlatform.Collection)]
public sealed class SuggestTests(SearchPlatform platform)
{
    private readonly SearchShop _shop = new(platform);

    private Task<JsonElement> SuggestionsAsync(string typed) => _shop.Http.GetFromJsonAsync<JsonElement>($"/api/search/suggest?q={Uri.EscapeDataString(typed)}");

    private async Task<string[]> SuggestAsync(string typed) => (await SuggestionsAsync(typed)).EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();

    [Fact]
    public async Task The_start_of_a_name_suggests_the_product() =>
        Assert.Contains("Yirgacheffe coffee beans", await SuggestAsync("yirg"));

    [Fact]
    public async Task Whole_words_suggest_the_product_by_their_english_stems() =>
        Assert.Contains("Yirgacheffe coffee beans", await SuggestAsync("yirgacheffe coffee"));

    [Fact]
    public async Task The_start_of_any_word_of_a_name_suggests_the_product() =>
        Assert.Contains("Harar longberry coffee", await SuggestAsync("cof"));

    [Fact]
    public async Task Products_in_stock_are_suggested_before_sold_out_ones()
    {
        // The sold-out Sidamo beans come after the coffees that can be bought.
        var coffees = await SuggestAsync("cof");
        Assert.True(Array.IndexOf(coffees, "Sidamo coffee beans") > Array.IndexOf(coffees, "Harar longberry coffee"));
    }

    [Fact]
    public async Task The_start_of_an_amharic_name_suggests_the_product_by_its_amharic_name() =>
        Assert.Contains("የይርጋጨፌ ቡና", (await SuggestionsAsync("ቡ")).EnumerateArray().Select(s => s.GetProperty("nameAm").GetString()));

    [Fact]
    public async Task A_misspelt_word_is_corrected_from_the_catalogue_words() =>
        Assert.Equal(["Berbere spice mix"], await SuggestAsync("berbre"));

    [Fact]
    public async Task Letters_no_catalogue_word_is_near_suggest_nothing() =>
        Assert.Empty(await SuggestAsync("qqqq"));

    [Fact]
    public async Task Text_over_100_characters_is_a_400()
    {
        using var tooLong = await _shop.Http.GetAsync("/api/search/suggest?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Products_that_share_a_name_make_one_suggestion()
    {
        var brand = $"Twin{Guid.NewGuid():N}"[..14];
        for (var i = 0; i < 3; i++)
            await _shop.PublishAsync(new { name = "Gamo highland shawl", nameAm = "የጋሞ ጋቢ", brand, sku = $"TW-{Guid.NewGuid():N}"[..16], priceEtb = 900m + i, stock = 4, publish = true });
        await Eventually.Until(() => _shop.SearchAsync($"brand={brand}"), r => Total(r) == 3, "the three shawls indexed");

        var suggestions = (await SuggestionsAsync("gamo hi")).EnumerateArray().ToList();
        Assert.Equal("Gamo highland shawl", Assert.Single(suggestions).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_model_number_being_typed_is_completed_though_the_catalogue_words_leave_numbers_out()
    {
        var brand = $"Model{Guid.NewGuid():N}"[..14];
        await _shop.PublishAsync(new { name = "Tecno Spark 20 phone", nameAm = "ቴክኖ ስፓርክ 20", brand, sku = $"MD-{Guid.NewGuid():N}"[..16], priceEtb = 12500m, stock = 2, publish = true });
        await Eventually.Until(() => _shop.SearchAsync($"brand={brand}"), r => Total(r) == 1, "the phone indexed");

        Assert.Contains((await SuggestionsAsync("tecno spark 2")).EnumerateArray(), s => s.GetProperty("name").GetString() == "Tecno Spark 20 phone");
    }
}
