using AddisPay.Products.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Products;

/// <summary>
/// The arrange steps of the Products tests on the shared <see cref="CatalogueAndCartPlatform"/>: products made through the
/// API, Products' requests over the pod-to-pod endpoint another module's process uses, staff Contracts sent in-process, the
/// stock of a SKU; and <see cref="ArrangedAsync{T}"/>, which makes an arrangement several tests assert on once per platform.
/// </summary>
public sealed class ProductShop(CatalogueAndCartPlatform platform)
{
    /// <summary>The staff member of the staff Contracts the tests send.</summary>
    public static readonly Guid Staff = Guid.NewGuid();

    /// <summary>A real 1×1 PNG (signature, IHDR, IDAT, IEND).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public PlatformFactory Factory => platform.Factory;
    public HttpClient Http { get; } = platform.Factory.CreateClient();

    /// <summary>
    /// An arrangement several tests assert on, made once per platform at the first test that asks for it (one per result
    /// type <typeparamref name="T"/> and <paramref name="name"/>, say a theory's row).
    /// </summary>
    public static Task<T> ArrangedAsync<T>(CatalogueAndCartPlatform platform, Func<ProductShop, Task<T>> arrange, string name = "") where T : class =>
        Arrangements.Of(platform.Factory).OnceAsync(() => arrange(new ProductShop(platform)), name);

    /// <summary>An upper-case SKU or key: <paramref name="prefix"/>, a dash and a fresh guid's digits, <paramref name="length"/> long.</summary>
    public static string Unique(string prefix, int length = 20) => $"{prefix}-{Guid.NewGuid():N}"[..length].ToUpperInvariant();

    public static string Key() => Guid.NewGuid().ToString("N");

    public Task<HttpResponseMessage> AdminAsync(HttpMethod method, string url, object? body = null) => Http.SendAsync(Shop.Request(method, url, body, Tokens.Admin()));

    /// <summary>The status of an admin's request, its response disposed.</summary>
    public async Task<HttpStatusCode> AdminStatusAsync(HttpMethod method, string url, object? body = null)
    {
        using var r = await AdminAsync(method, url, body);
        return r.StatusCode;
    }

    /// <summary>A product created through POST /api/products (201), as the API answers it.</summary>
    public async Task<JsonElement> CreateAsync(object body)
    {
        using var r = await AdminAsync(HttpMethod.Post, "/api/products", body);
        await Shop.Expect(r, HttpStatusCode.Created);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The SKU of a new published product of one variant with <paramref name="stock"/> units.</summary>
    public async Task<string> NewSkuAsync(string prefix, int stock, string name = "Harar coffee", string nameAm = "የሐረር ቡና", decimal priceEtb = 720m, string? categorySlug = null)
    {
        var sku = Unique(prefix, 18);
        await CreateAsync(new { name, nameAm, sku, priceEtb, stock, categorySlug, publish = true });
        return sku;
    }

    /// <summary>A Products request over the pod-to-pod endpoint, as another module's process sends it.</summary>
    public Task<HttpResponseMessage> InternalAsync(string request, object body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/internal/products/requests/{request}") { Content = JsonContent.Create(body) };
        message.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        return Http.SendAsync(message);
    }

    /// <summary>The answer of a pod-to-pod request that must succeed (200).</summary>
    public async Task<JsonElement> OkAsync(string request, object body)
    {
        using var r = await InternalAsync(request, body);
        await Shop.Expect(r, HttpStatusCode.OK);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpStatusCode> InternalStatusAsync(string request, object body)
    {
        using var r = await InternalAsync(request, body);
        return r.StatusCode;
    }

    /// <summary>A refused pod-to-pod request: its status and its problem document.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Problem)> RefusedAsync(string request, object body)
    {
        using var r = await InternalAsync(request, body);
        return (r.StatusCode, await r.Content.ReadFromJsonAsync<JsonElement>());
    }

    public Task<HttpResponseMessage> ReserveAsync(Guid id, string ttl, params (string Sku, int Quantity)[] lines) =>
        InternalAsync("ReserveStock", new { reservationId = id, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), ttl, reference = "order-test" });

    public async Task<HttpStatusCode> ReserveStatusAsync(Guid id, string ttl, params (string Sku, int Quantity)[] lines)
    {
        using var r = await ReserveAsync(id, ttl, lines);
        return r.StatusCode;
    }

    /// <summary>A SKU's stock as the admin API shows it (GET /api/products/inventory/{sku}), its movements newest first.</summary>
    public async Task<(int OnHand, int Reserved, int Available, JsonElement Movements)> StockAsync(string sku)
    {
        using var r = await AdminAsync(HttpMethod.Get, $"/api/products/inventory/{sku}");
        var s = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (s.GetProperty("onHand").GetInt32(), s.GetProperty("reserved").GetInt32(), s.GetProperty("available").GetInt32(), s.GetProperty("movements"));
    }

    public async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>A staff form for a new draft product of two variants, SID-{token}-250 (300 ETB, 12) and SID-{token}-500 (560 ETB, 3).</summary>
    public static CreateProductForStaff NewStaffProduct(string token, string key, string name = "Sidama coffee beans") => new(
        $"{name} {token}", "የሲዳማ ቡና", "Washed, medium roast.", null, null, "coffee-beans",
        [
            new StaffVariantInput($"SID-{token}-250", new Dictionary<string, string> { ["size"] = "250 g" }, 300.00m, 12),
            new StaffVariantInput($"SID-{token}-500", new Dictionary<string, string> { ["size"] = "500 g" }, 560.00m, 3)
        ], Staff, key);

    public async Task<StaffProduct> StaffProductAsync(string? token = null) => (await SendAsync(NewStaffProduct(token ?? Token(), Key()))).Product;

    public static string Token() => Guid.NewGuid().ToString("N")[..10];

    public Task<long> CountAsync(string sql) => Scenarios.PriceChangeScenario.CountAsync(Factory.ConnectionString, sql);

    /// <summary>How many events of <paramref name="type"/> the event log holds where <paramref name="where"/> holds.</summary>
    public Task<long> EventsAsync(string type, string where) => CountAsync($"select count(*) from events.mt_events where type = '{type}' and {where}");
}
