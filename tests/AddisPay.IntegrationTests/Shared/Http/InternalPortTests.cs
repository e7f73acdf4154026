namespace AddisPay.IntegrationTests.Shared.Http;

/// <summary>
/// Products with a public and an internal port (as the chart runs every pod), and Cart reaching Products on the internal
/// one: the platform's own paths answer only there, so an Ingress that sends "/" to a pod's public port exposes none.
/// </summary>
public sealed class InternalPortTests(InternalPortTests.Pods pods) : IClassFixture<InternalPortTests.Pods>
{
    private readonly HostProcess _products = pods.Products;
    private readonly HostProcess _cart = pods.Cart;
    private readonly Uri _productsPublic = pods.ProductsPublic;

    public sealed class Pods : IAsyncLifetime
    {
        public HostProcess Products { get; private set; } = null!;
        public HostProcess Cart { get; private set; } = null!;
        public Uri ProductsPublic { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var database = TestPostgres.CreateDatabase("internal_port");
            int publicPort = HostProcess.FreePort(), internalPort = HostProcess.FreePort();
            ProductsPublic = new Uri($"http://127.0.0.1:{publicPort}");
            // Started on its internal address, which the readiness probe uses, as the chart's probes do.
            Products = await HostProcess.StartAsync("products", database, internalPort, new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{publicPort};http://127.0.0.1:{internalPort}",
                ["AddisPay__InternalPort"] = internalPort.ToString(),
                ["AddisPay__DemoData"] = "true",
                ["AddisPay__Products__DemoProducts"] = "0"
            });
            Cart = await HostProcess.StartAsync("cart", database, environment: new Dictionary<string, string>
            {
                ["AddisPay__Endpoints__products"] = Products.BaseAddress + "/"
            });
        }

        public async Task DisposeAsync()
        {
            if (Cart is not null) await Cart.DisposeAsync();
            if (Products is not null) await Products.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    [InlineData("/internal/products/requests/GetProductOffer")]
    public async Task The_public_port_does_not_answer_the_platforms_own_paths(string path)
    {
        using var http = new HttpClient { BaseAddress = _productsPublic };
        using var response = path.StartsWith("/internal")
            ? await http.PostAsync(path, JsonContent.Create(new { productId = Guid.NewGuid() }))
            : await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_internal_port_answers_probes_and_scrapes()
    {
        using var http = _products.Client();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_internal_port_does_not_answer_the_API()
    {
        using var http = _products.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/products")).StatusCode);
    }

    [Fact]
    public async Task Another_module_reaches_products_on_the_internal_port_while_shoppers_use_the_public_one()
    {
        using var shopper = new HttpClient { BaseAddress = _productsPublic };
        var page = await shopper.GetFromJsonAsync<JsonElement>("/api/products?pageSize=1");
        var productId = page.GetProperty("items")[0].GetProperty("id").GetGuid();

        using var cartApi = _cart.Client();
        using var created = await cartApi.PostAsync("/api/cart", null);
        var cartId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Pricing the line asks Products (GetProductOffer) over HTTP, on the internal port.
        using var added = await cartApi.PostAsJsonAsync($"/api/cart/{cartId}/items", new { productId, quantity = 1 });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
    }
}
