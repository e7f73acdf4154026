using System.Net.Http.Headers;
using AddisPay.Cart.Domain;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// A signed-in customer going through checkout over HTTP, as a storefront would. <paramref name="shop"/>
/// serves the shop (users, products, cart), <paramref name="orders"/> and <paramref name="payments"/> the
/// checkout modules: one server when all modules run in one process, three when they are split.
/// </summary>
public sealed class Buyer(HttpClient shop, HttpClient orders, HttpClient payments, Guid id, string token)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public Guid Id { get; } = id;
    public string Token { get; } = token;
    public HttpClient Orders { get; } = orders;
    public HttpClient Payments { get; } = payments;

    public static object Address(string region = "Addis Ababa") => new
    {
        recipient = "Almaz Tadesse", phone = "0911223344", region, city = "Addis Ababa", subCity = "Bole", woreda = "03", details = "Near Edna Mall, house 12"
    };

    public static async Task<Buyer> SignUpAsync(HttpClient shop, HttpClient? orders = null, HttpClient? payments = null)
    {
        var accounts = new Accounts(shop, "");
        var (id, tokens) = await accounts.NewCustomerAsync();
        return new Buyer(shop, orders ?? shop, payments ?? shop, id, tokens.AccessToken);
    }

    public HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        var r = new HttpRequestMessage(method, url);
        if (body is not null) r.Content = JsonContent.Create(body);
        r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (idempotencyKey is not null) r.Headers.Add("Idempotency-Key", idempotencyKey);
        return r;
    }

    /// <summary>The customer's cart holding <paramref name="quantity"/> of the product.</summary>
    public async Task<Guid> FillCartAsync(Guid productId, int quantity = 1)
    {
        using var mine = await shop.SendAsync(Request(HttpMethod.Get, "/api/cart/mine"));
        await Shop.Expect(mine, HttpStatusCode.OK);
        var cart = (await mine.Content.ReadFromJsonAsync<CartView>())!;
        using var add = await shop.SendAsync(Request(HttpMethod.Post, $"/api/cart/{cart.Id}/items", new { productId, quantity }));
        await Shop.Expect(add, HttpStatusCode.OK);
        return cart.Id;
    }

    public Task<HttpResponseMessage> PlaceOrderAsync(Guid cartId, string? idempotencyKey = null, string? couponCode = null, object? address = null) =>
        Orders.SendAsync(Request(HttpMethod.Post, "/api/orders", new { cartId, shippingAddress = address ?? Address(), couponCode },
            idempotencyKey ?? Guid.NewGuid().ToString()));

    public async Task<OrderView> OrderAsync(Guid cartId, string? couponCode = null)
    {
        using var r = await PlaceOrderAsync(cartId, couponCode: couponCode);
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<OrderView>(Json))!;
    }

    public async Task<PaymentSession> PayAsync(Guid orderId, string gateway = "sandbox")
    {
        using var r = await Orders.SendAsync(Request(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway }));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<PaymentSession>(Json))!;
    }

    /// <summary>Chooses an outcome on the sandbox's hosted payment page, as the customer would in the browser.</summary>
    public async Task<HttpResponseMessage> OnSandboxPageAsync(PaymentSession session, string outcome)
    {
        var path = new Uri(session.CheckoutUrl).PathAndQuery;
        using (var page = await Payments.GetAsync(path)) await Shop.Expect(page, HttpStatusCode.OK);
        return await Payments.PostAsync(path, new FormUrlEncodedContent([new("outcome", outcome)]));
    }

    public async Task<OrderView> GetOrderAsync(Guid orderId)
    {
        using var r = await Orders.SendAsync(Request(HttpMethod.Get, $"/api/orders/{orderId}"));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<OrderView>(Json))!;
    }

    public Task<OrderView> OrderReachesAsync(Guid orderId, string status) =>
        Eventually.Until(() => GetOrderAsync(orderId), o => o.Status == status, $"order {orderId} to become {status}");
}
