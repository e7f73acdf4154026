namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The page an unknown address answers (Components/Pages/NotFound.razor), and the API's answer beside it.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class NotFoundTests(AllInOneShop shop)
{
    [Fact]
    public async Task An_unknown_page_answers_404_with_a_page_saying_it_was_not_found()
    {
        using var http = shop.Visitor(follow: true);
        using var english = await http.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        Assert.Equal("text/html", english.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_unknown_product_answers_404_with_the_page_in_Amharic_to_a_shopper_who_chose_Amharic()
    {
        using var http = shop.Visitor(follow: true);
        using var amharicRequest = new HttpRequestMessage(HttpMethod.Get, "/p/no-such-product");
        amharicRequest.Headers.Add("Cookie", "addispay-lang=am");
        using var amharic = await http.SendAsync(amharicRequest);
        Assert.Equal(HttpStatusCode.NotFound, amharic.StatusCode);
        Assert.Contains("ገጹ አልተገኘም", await amharic.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_API_address_answers_404_with_problem_details_not_the_page()
    {
        using var http = shop.Visitor(follow: true);
        using var api = await http.GetAsync("/api/no-such-module/thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
