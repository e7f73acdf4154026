using static AddisPay.IntegrationTests.Recommendations.RecommendationsShop;

namespace AddisPay.IntegrationTests.Recommendations;

/// <summary>The view tracking endpoint (POST /api/recommendations/views): its input, and a shopper's repeated views.</summary>
[Collection(RecommendationsPlatform.Collection)]
public sealed class TrackViewTests(RecommendationsPlatform platform)
{
    private readonly RecommendationsShop _shop = new(platform);

    /// <summary>A product of a category of its own, viewed by nobody yet.</summary>
    private sealed record TrackedProduct(Guid Id);

    private Task<TrackedProduct> ProductAsync() =>
        platform.ArrangedAsync(async shop => new TrackedProduct((await shop.ProductAsync(await shop.CategoryAsync(), "Sheba")).Id));

    [Fact]
    public async Task A_view_without_a_product_is_a_400_naming_the_product()
    {
        using var missing = await _shop.Http.PostAsJsonAsync("/api/recommendations/views", new { });
        Assert.Contains("productId", await ProblemFieldsAsync(missing));
    }

    [Fact]
    public async Task A_view_of_the_empty_product_id_is_a_400_naming_the_product()
    {
        using var empty = await _shop.Http.PostAsJsonAsync("/api/recommendations/views", new { productId = Guid.Empty });
        Assert.Contains("productId", await ProblemFieldsAsync(empty));
    }

    [Fact]
    public async Task A_view_with_a_garbled_visitor_id_is_a_400_naming_the_visitor_id()
    {
        var product = await ProductAsync();
        using var garbled = await _shop.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/recommendations/views")
        {
            Content = JsonContent.Create(new { productId = product.Id }), Headers = { { "X-Visitor-Id", "not-a-guid" } }
        });
        Assert.Contains("visitorId", await ProblemFieldsAsync(garbled));
    }

    [Fact]
    public async Task A_visitors_repeated_view_is_one_interaction_counted_twice()
    {
        var product = await ProductAsync();
        var visitor = Guid.NewGuid();
        await _shop.ViewAsync(product.Id, visitor: visitor);
        await _shop.ViewAsync(product.Id, visitor: visitor);
        Assert.Equal(1L, await _shop.ScalarAsync<long>("""select count(*) from recommendations.interactions where "Subject" = @s""", ("s", $"v:{visitor}")));
        Assert.Equal(2, await _shop.ScalarAsync<int>("""select "Count" from recommendations.interactions where "Subject" = @s""", ("s", $"v:{visitor}")));
    }

    [Fact]
    public async Task A_first_time_visitor_is_given_an_id_in_a_cookie_so_the_next_view_is_theirs_too()
    {
        var product = await ProductAsync();
        using var first = await _shop.Http.PostAsJsonAsync("/api/recommendations/views", new { productId = product.Id });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("addispay_visitor=", StringComparison.Ordinal));
    }
}
