namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The search page's suggestions (Components/Pages/Search.razor: the box asks /search/suggest as the shopper types).</summary>
[Collection(nameof(ShopBrowser))]
public sealed class SearchTests(AllInOneShop shop)
{
    [Fact]
    public async Task Suggestions_for_the_start_of_a_name_offer_the_product()
    {
        using var http = shop.Visitor(follow: true);
        var suggestions = await http.GetFromJsonAsync<string[]>("/search/suggest?q=yirg");
        Assert.Contains("Yirgacheffe coffee beans", suggestions!);
    }
}
