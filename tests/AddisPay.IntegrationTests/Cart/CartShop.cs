using AddisPay.Orders.Contracts;
using AddisPay.Products;
using AddisPay.Cart.Domain;
using AddisPay.Products.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>
/// The arrange steps of the Cart tests on a shared platform (<see cref="CatalogueAndCartPlatform"/>,
/// <see cref="AllModulesPlatform"/>): products, filled carts, events published as other modules do, and
/// <see cref="ArrangedAsync{T}"/>, which makes an arrangement several tests assert on once per platform.
/// </summary>
public sealed class CartShop(PlatformFactory factory)
{
    public PlatformFactory Factory { get; } = factory;
    public Shop Shop { get; } = factory.Shop();

    /// <summary>
    /// An arrangement several tests assert on, made once per platform at the first test that asks for it (one per result
    /// type <typeparamref name="T"/>): a behaviour that follows one arrangement is asserted by its own test without
    /// repeating the arrange.
    /// </summary>
    public static Task<T> ArrangedAsync<T>(PlatformFactory factory, Func<CartShop, Task<T>> arrange) where T : class =>
        Arrangements.Of(factory).OnceAsync(() => arrange(new CartShop(factory)));

    public Task<ProductView> ProductAsync(string prefix, decimal priceEtb, int stock = 50) =>
        Shop.CreateProductAsync($"{prefix}-{Guid.NewGuid():N}"[..16], priceEtb, stock);

    public async Task<CartView> FilledCartAsync(params (ProductView Product, int Quantity)[] lines)
    {
        var cart = await Shop.CreateCartAsync();
        foreach (var (product, quantity) in lines)
            using (var added = await Shop.AddItemAsync(cart.Id, product.Id, quantity)) await Shop.Expect(added, HttpStatusCode.OK);
        return await Shop.GetCartAsync(cart.Id);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? token = null) =>
        Shop.Cart.SendAsync(Shop.Request(method, url, body, token));

    /// <summary>The status of the request, its response disposed.</summary>
    public async Task<HttpStatusCode> StatusAsync(HttpMethod method, string url, object? body = null, string? token = null)
    {
        using var response = await SendAsync(method, url, body, token);
        return response.StatusCode;
    }

    public static async Task<CartView> ExpectCartAsync(HttpResponseMessage response)
    {
        using (response)
        {
            await Shop.Expect(response, HttpStatusCode.OK);
            return (await response.Content.ReadFromJsonAsync<CartView>())!;
        }
    }

    /// <summary>Publishes as another module does: appended to the platform's event log inside a committed transaction.</summary>
    public async Task PublishAsync(params IntegrationEvent[] events)
    {
        var log = Factory.Services.GetRequiredService<EventLog>();
        await using var conn = new NpgsqlConnection(Factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await log.PublishAsync(tx, events, CancellationToken.None);
        await tx.CommitAsync();
    }

    public static OrderPlaced OrderPlacedFrom(Guid cartId, Guid customerId, params (ProductView Product, int Quantity)[] lines)
    {
        var orderLines = lines.Select(l => new OrderLine(l.Product.Id, l.Product.Sku, l.Product.Name, l.Product.NameAm, l.Quantity,
            l.Product.PriceEtb, l.Product.PriceEtb * l.Quantity)).ToList();
        var subtotal = orderLines.Sum(l => l.LineTotalEtb);
        var vat = Math.Round(subtotal * 0.15m, 2);
        return new OrderPlaced(Guid.NewGuid(), $"AP-{Random.Shared.Next(100000, 999999)}", customerId, cartId, orderLines,
            new OrderAmounts(subtotal, 0m, 0m, vat, subtotal + vat), null, DateTimeOffset.UtcNow.AddMinutes(30));
    }

    public static Task<long> CountAsync(string connectionString, string sql) => Scenarios.PriceChangeScenario.CountAsync(connectionString, sql);

    public static Task<long> CountCartsAsync(string connectionString, Guid cartId) => CountAsync(connectionString, $"select count(*) from cart.mt_doc_cart where id = '{cartId}'");

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
