namespace AddisPay.IntegrationTests.Shared;

/// <summary>What the platform (<c>Platform.AddAddisPay</c>, <c>UseAddisPay</c>) offers every process whatever modules it runs: health,
/// metrics, API docs, problem details, closed endpoints (the API document itself: Http/ApiDocumentTests.cs).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class PlatformTests(AllModulesPlatform platform)
{
    private readonly HttpClient _http = platform.Factory.CreateClient();

    [Fact]
    public async Task Liveness_answers_ok()
    {
        using var live = await _http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Readiness_checks_the_database_and_every_selected_module()
    {
        var ready = await _http.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).ToArray();
        Assert.Contains("database", checks);
        Assert.Contains("products:schema", checks);
        Assert.Contains("cart:schema", checks);
    }

    [Fact]
    public async Task Invalid_input_is_a_400_problem_with_an_error_per_field()
    {
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { sku = "!", name = "", nameAm = "ቡና", priceEtb = 10.005m, stock = -1 }, Tokens.Admin()));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray();
        Assert.Equal(["name", "priceEtb", "sku", "stock"], fields.Order().ToArray());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        using var request = Shop.Request(HttpMethod.Post, "/api/products", token: Tokens.Admin());
        request.Content = new StringContent("{\"sku\": \"A-1\", \"priceEtb\": \"twelve\"", System.Text.Encoding.UTF8, "application/json");
        using var r = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Duplicate_sku_is_a_409_conflict()
    {
        var shop = platform.Factory.Shop();
        var sku = $"DUP-{Guid.NewGuid():N}"[..14];
        await shop.CreateProductAsync(sku, 10m);
        using var again = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { sku, name = "Other", nameAm = "ሌላ", priceEtb = 12m, stock = 1 }, Tokens.Admin()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        using var product = await _http.GetAsync($"/api/products/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, product.StatusCode);
        Assert.Equal("application/problem+json", product.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404()
    {
        using var nowhere = await _http.GetAsync("/api/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("expired", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData("customer", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Created)]
    public async Task Catalogue_changes_need_an_admin_token(string? token, HttpStatusCode expected)
    {
        var bearer = token switch
        {
            null => null,
            "expired" => Tokens.For("admin-1", "admin", lifetime: TimeSpan.FromMinutes(-10)),
            "wrong-key" => Tokens.For("admin-1", "admin", key: Convert.ToBase64String(new byte[48])),
            "customer" => Tokens.Customer(),
            _ => Tokens.Admin()
        };
        using var r = await _http.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { sku = $"AUTH-{Guid.NewGuid():N}"[..14], name = "Coffee", nameAm = "ቡና", priceEtb = 10m, stock = 1 }, bearer));
        Assert.Equal(expected, r.StatusCode);
    }

    [Fact]
    public async Task Metrics_label_http_requests_with_their_module()
    {
        await _http.GetAsync("/api/products");
        await _http.PostAsync("/api/cart", null);
        const string products = "http_requests_received_total\\{[^}]*module=\"products\"", cart = "http_requests_received_total\\{[^}]*module=\"cart\"";
        var metrics = await Eventually.Until(() => _http.GetStringAsync("/metrics"),
            m => System.Text.RegularExpressions.Regex.IsMatch(m, products) && System.Text.RegularExpressions.Regex.IsMatch(m, cart), "the requests' module labels");
        Assert.Matches(products, metrics);
        Assert.Matches(cart, metrics);
    }

    [Fact]
    public async Task Metrics_expose_the_inbox_backlog()
    {
        const string gauge = "addispay_event_subscription_backlog{subscription=\"cart-inbox\"}";
        Assert.Contains(gauge, await Eventually.Until(() => _http.GetStringAsync("/metrics"), m => m.Contains(gauge), "the inbox backlog gauge"));
    }

    [Fact]
    public async Task OpenApi_document_describes_every_module_api()
    {
        var doc = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/products", paths);
        Assert.Contains("/api/products/{id}", paths);
        Assert.Contains("/api/cart/{cartId}/items", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/internal"));
    }

    [Fact]
    public async Task The_api_reference_page_is_served_outside_production()
    {
        using var ui = await _http.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}
