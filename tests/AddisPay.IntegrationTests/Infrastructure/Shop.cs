using System.Net.Http.Headers;
using AddisPay.Cart.Domain;
using AddisPay.Products;
using AddisPay.Products.Domain;

namespace AddisPay.IntegrationTests.Infrastructure;

/// <summary>
/// A shopper's and an admin's view of the platform over HTTP. <see cref="Products"/> and <see cref="Cart"/>
/// are the same server when all modules run in one process, and two servers when they are split.
/// </summary>
public sealed class Shop(HttpClient products, HttpClient cart)
{
    public HttpClient Products { get; } = products;
    public HttpClient Cart { get; } = cart;

    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? token = null)
    {
        var r = new HttpRequestMessage(method, url);
        if (body is not null) r.Content = JsonContent.Create(body);
        if (token is not null) r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return r;
    }

    public async Task<ProductView> CreateProductAsync(string sku, decimal priceEtb, int stock = 100, string name = "Yirgacheffe coffee")
    {
        using var response = await Products.SendAsync(Request(HttpMethod.Post, "/api/products",
            new { sku, name, nameAm = "ቡና", priceEtb, stock, publish = true }, Tokens.Admin()));
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ProductView>())!;
    }

    public async Task<ProductView> ChangePriceAsync(Guid productId, decimal priceEtb)
    {
        using var response = await Products.SendAsync(Request(HttpMethod.Put, $"/api/products/{productId}/price", new { priceEtb }, Tokens.Admin()));
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ProductView>())!;
    }

    public async Task ArchiveProductAsync(Guid productId)
    {
        using var response = await Products.SendAsync(Request(HttpMethod.Post, $"/api/products/{productId}/archive", null, Tokens.Admin()));
        await Expect(response, HttpStatusCode.OK);
    }

    public async Task<CartView> CreateCartAsync()
    {
        using var response = await Cart.PostAsync("/api/cart", null);
        await Expect(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CartView>())!;
    }

    public async Task<HttpResponseMessage> AddItemAsync(Guid cartId, Guid productId, int quantity) =>
        await Cart.PostAsJsonAsync($"/api/cart/{cartId}/items", new { productId, quantity });

    public async Task<CartView> GetCartAsync(Guid cartId) =>
        (await Cart.GetFromJsonAsync<CartView>($"/api/cart/{cartId}"))!;

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            throw new Xunit.Sdk.XunitException($"Expected {(int)status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
