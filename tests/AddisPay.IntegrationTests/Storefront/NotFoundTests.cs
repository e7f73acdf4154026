namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The page an unknown address answers (Components/Pages/NotFound.razor), and the API's answer beside it.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class NotFoundTests(AllInOneShop shop)
{
    [Fact]
    public async Task An_unknown_page_answers_404_with_a_page_saying_it_was_not_found()
    {
        var (status, type, body) = await shop.PageAsync("/no-such-page");
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (status, type));
        Assert.Contains("Page not found", WebUtility.HtmlDecode(body));
    }

    [Fact]
    public async Task An_unknown_product_answers_404_with_the_page_in_Amharic_to_a_shopper_who_chose_Amharic()
    {
        var (status, _, body) = await shop.PageAsync("/p/no-such-product", language: "am");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("ገጹ አልተገኘም", body);
    }

    [Fact]
    public async Task An_unknown_API_address_answers_404_with_problem_details_not_the_page()
    {
        var (status, type, _) = await shop.PageAsync("/api/no-such-module/thing");
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (status, type));
    }
}
