namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// The product page (Components/Pages/Product.razor) over plain HTTP: the picture it shows, its Amharic, its add-to-cart
/// form's antiforgery, and the page kept for visitors (<see cref="KeptPages"/>, run once for the collection).
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class ProductTests(AllInOneShop shop)
{
    private const string Beans = "/api/products/yirgacheffe-coffee-beans";

    private Task<KeptPages.Run> KeptAsync() => shop.Arranged.OnceAsync(() => KeptPages.RunAsync(shop.Shop));

    /// <summary>The beans' picture address and its answer (a drawn SVG: no picture was uploaded).</summary>
    private async Task<(Guid Product, string Address, HttpResponseMessage Answer)> PictureAsync(HttpClient http)
    {
        var product = await http.GetFromJsonAsync<JsonElement>(Beans);
        var picture = product.GetProperty("images")[0].GetString()!;
        return (product.GetProperty("id").GetGuid(), picture, await http.GetAsync(picture));
    }

    [Fact]
    public async Task A_product_without_an_uploaded_picture_shows_the_one_drawn_at_its_image_address()
    {
        using var http = shop.Visitor(follow: true);
        var (product, picture, answer) = await PictureAsync(http);
        using var _ = answer;
        Assert.Equal($"/api/products/{product}/image.svg", picture);
    }

    [Fact]
    public async Task A_drawn_picture_is_an_SVG_cached_publicly_for_a_week()
    {
        using var http = shop.Visitor(follow: true);
        using var svg = (await PictureAsync(http)).Answer;
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.True(svg.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 7 }, $"cached for a week: {svg.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_drawn_picture_shows_the_products_initials_and_its_Amharic_name_as_UTF8()
    {
        using var http = shop.Visitor(follow: true);
        using var svg = (await PictureAsync(http)).Answer;
        var body = await svg.Content.ReadAsStringAsync();
        Assert.Contains(">YC</text>", body);
        Assert.Contains("የይርጋጨፌ ቡና", body);
    }

    [Fact]
    public async Task A_drawn_picture_asked_again_with_its_ETag_answers_304_without_a_body()
    {
        using var http = shop.Visitor(follow: true);
        var (_, picture, svg) = await PictureAsync(http);
        using var _ = svg;
        using var again = new HttpRequestMessage(HttpMethod.Get, picture);
        again.Headers.IfNoneMatch.Add(svg.Headers.ETag!);
        using var notModified = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_picture_of_an_unknown_product_answers_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await shop.PageAsync($"/api/products/{Guid.NewGuid()}/image.svg")).Status);

    [Fact]
    public async Task An_Amharic_product_page_carries_UTF8_characters_not_character_references()
    {
        var html = (await shop.PageAsync("/p/yirgacheffe-coffee-beans", language: "am")).Body;
        Assert.Contains("<h1>የይርጋጨፌ ቡና</h1>", html);
        Assert.DoesNotContain("&#x12", html);
    }

    // The API's JSON is written by System.Text.Json with ASP.NET Core's relaxed encoder (Amharic as UTF-8 already), not
    // by the pages' HtmlEncoder: it stays as it was.
    [Fact]
    public async Task The_product_API_beside_the_pages_writes_Amharic_names_as_UTF8_too() =>
        Assert.Contains("\"nameAm\":\"የይርጋጨፌ ቡና\"", (await shop.PageAsync(Beans)).Body);

    private async Task<HttpResponseMessage> AddToCartWithoutTokenAsync()
    {
        using var http = shop.Visitor();
        return await http.PostAsync("/p/yirgacheffe-coffee-beans", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-to-cart", ["Sku"] = "COF-YIRG-500-G", ["Quantity"] = "1"
        }));
    }

    [Fact]
    public async Task Adding_to_the_cart_without_the_antiforgery_token_is_refused()
    {
        using var response = await AddToCartWithoutTokenAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Adding_to_the_cart_without_the_antiforgery_token_starts_no_cart()
    {
        using var response = await AddToCartWithoutTokenAsync();
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("addispay-cart=")));
    }

    [Fact]
    public async Task A_kept_product_page_is_served_ready_for_enhanced_navigation() =>
        KeptPages.AssertServedForEnhancedNavigation(await KeptAsync());

    [Fact]
    public async Task A_kept_product_page_is_the_first_visitors_page_with_an_antiforgery_token_of_the_next_visitors_own() =>
        KeptPages.AssertKeptPageCarriesOwnToken(await KeptAsync());

    [Fact]
    public async Task A_form_posted_with_the_token_of_the_visitors_own_kept_page_is_accepted() =>
        Assert.Equal(HttpStatusCode.Redirect, (await KeptAsync()).OwnTokenPost);

    [Fact]
    public async Task A_form_posted_with_the_token_another_visitor_got_from_the_kept_page_is_refused() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await KeptAsync()).OthersTokenPost);

    [Fact]
    public async Task A_kept_product_page_shows_a_new_price_at_the_next_request() =>
        Assert.Contains(KeptPages.PriceAfter, (await KeptAsync()).ProductRepriced.Html);
}
