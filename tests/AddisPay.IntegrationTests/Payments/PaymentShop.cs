using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Domain;
using AddisPay.Products.Domain;
using Npgsql;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// The arrange and read-back steps of the classes on <see cref="PaymentsPlatform"/>, over real HTTP: an order waiting for
/// payment, a paid one, stock, credit notes and what the database holds about an order (events, rows) that the API does not show.
/// </summary>
public sealed class PaymentShop(PaymentsPlatform platform)
{
    public Shop Shop { get; } = platform.Factory.Shop();
    public HttpClient Http => Shop.Products;
    public FakeChapa Chapa => platform.Chapa;
    public PlatformFactory Factory => platform.Factory;

    public static string NewSku(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    public static HttpRequestMessage AsAdmin(HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        var r = Infrastructure.Shop.Request(method, url, body, Tokens.Admin());
        if (idempotencyKey is not null) r.Headers.Add("Idempotency-Key", idempotencyKey);
        return r;
    }

    public static HttpRequestMessage PayRequest(Buyer buyer, Guid orderId, string gateway, string? returnUrl) =>
        buyer.Request(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway, returnUrl });

    /// <summary>A new customer's order of a new product, placed and waiting for payment.</summary>
    public async Task<(Buyer Buyer, OrderView Order, string Sku)> PendingOrderAsync(decimal price = 400m, int quantity = 1, int stock = 20, string? coupon = null)
    {
        var sku = NewSku("PAY");
        var product = await Shop.CreateProductAsync(sku, price, stock);
        var buyer = await Buyer.SignUpAsync(Http);
        var cartId = await buyer.FillCartAsync(product.Id, quantity);
        return (buyer, await buyer.OrderAsync(cartId, coupon), sku);
    }

    /// <summary>A new customer's order of a new product, paid on the sandbox's page.</summary>
    public async Task<(Buyer Buyer, OrderView Order, PaymentSession Session)> PaidOrderAsync(decimal price = 1000m, int quantity = 2)
    {
        var (buyer, order, _) = await PendingOrderAsync(price, quantity);
        var session = await buyer.PayAsync(order.Id);
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Infrastructure.Shop.Expect(paid, HttpStatusCode.OK);
        return (buyer, await buyer.OrderReachesAsync(order.Id, "paid"), session);
    }

    public async Task<StockView> StockAsync(string sku)
    {
        using var r = await Http.SendAsync(Infrastructure.Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
        return (await r.Content.ReadFromJsonAsync<StockView>())!;
    }

    /// <summary>The credit notes of the order's receipt, once there are <paramref name="count"/>.</summary>
    public Task<List<CreditNoteView>> CreditNotesAsync(Buyer buyer, Guid orderId, int count) =>
        Eventually.Until(async () =>
        {
            using var r = await Http.SendAsync(buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{orderId}/credit-notes"));
            await Infrastructure.Shop.Expect(r, HttpStatusCode.OK);
            return (await r.Content.ReadFromJsonAsync<List<CreditNoteView>>(Buyer.Json))!;
        }, notes => notes.Count == count, $"{count} credit notes");

    /// <summary>Steps staff take on an order: "processing", "shipment" (with a carrier and tracking number), "delivery".</summary>
    public async Task MoveAsync(Guid orderId, params string[] steps)
    {
        foreach (var step in steps)
            using (var r = await Http.SendAsync(AsAdmin(HttpMethod.Post, $"/api/orders/{orderId}/{step}", step == "shipment" ? new { carrier = "Ethio Post", trackingNumber = "EP-123456" } : null)))
                await Infrastructure.Shop.Expect(r, HttpStatusCode.OK);
    }

    public Task<long> CountAsync(string sql, Guid orderId) => OrderRecords.CountAsync(platform.Factory.ConnectionString, sql, orderId);

    public Task<long> EventsAsync(string type, Guid orderId) => OrderRecords.EventsAsync(platform.Factory.ConnectionString, type, orderId);

    public Task<long> AttemptsAsync(Guid orderId) => CountAsync("select count(*) from payments.payments where \"OrderId\"::text = @id", orderId);

    public Task<long> KeysHeldAsync(string key) => ScalarAsync($"select count(*) from orders.request_keys where \"Key\" = '{key}'");

    /// <summary>Lines of the order's OrderDelivered event whose SKU <paramref name="skuIs"/> (an SQL condition).</summary>
    public Task<long> DeliveredUnitsAsync(Guid orderId, string skuIs) => CountAsync($"""
        select count(*) from events.mt_events e, jsonb_array_elements(coalesce(e.data->'Lines', e.data->'lines')) l
         where e.type = 'orders.order_delivered' and coalesce(e.data->>'OrderId', e.data->>'orderId') = @id and coalesce(l->>'Sku', l->>'sku') {skuIs}
        """, orderId);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }
}
