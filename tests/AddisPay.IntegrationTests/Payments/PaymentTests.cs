using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Domain;
using AddisPay.Products.Domain;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// Payments against a fake Chapa speaking Chapa's HTTP API and against the sandbox: webhooks that are
/// forged, replayed or carry the wrong amount change nothing; failures cancel; lost webhooks are
/// reconciled; refunds go back through the gateway; coupons and validation at checkout.
/// </summary>
public sealed partial class PaymentTests(PaymentTests.Platform platform) : IClassFixture<PaymentTests.Platform>
{
    public sealed class Platform : IAsyncLifetime
    {
        public FakeChapa Chapa { get; private set; } = null!;
        public PlatformFactory Factory { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Chapa = await FakeChapa.StartAsync();
            Factory = new PlatformFactory("all", new Dictionary<string, string?>
            {
                ["AddisPay:Payments:Chapa:BaseUrl"] = Chapa.BaseUrl,
                ["AddisPay:Payments:Chapa:SecretKey"] = FakeChapa.SecretKey,
                ["AddisPay:Payments:Chapa:WebhookSecret"] = FakeChapa.WebhookSecret,
                ["AddisPay:Payments:ReconcileAfter"] = "00:00:00",
                ["AddisPay:Payments:ReconcileInterval"] = "01:00:00", // the test triggers it
            });
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Chapa.DisposeAsync();
        }
    }

    private readonly Shop _shop = platform.Factory.Shop();
    private HttpClient Http => _shop.Products;
    private FakeChapa Chapa => platform.Chapa;

    private async Task<(Buyer Buyer, OrderView Order, string Sku)> PendingOrderAsync(decimal price = 400m, int quantity = 1, int stock = 20, string? coupon = null)
    {
        var sku = $"PAY-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await _shop.CreateProductAsync(sku, price, stock);
        var buyer = await Buyer.SignUpAsync(Http);
        var cartId = await buyer.FillCartAsync(product.Id, quantity);
        return (buyer, await buyer.OrderAsync(cartId, coupon), sku);
    }

    private async Task<StockView> StockAsync(string sku)
    {
        using var r = await Http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
        return (await r.Content.ReadFromJsonAsync<StockView>())!;
    }

    private Task<long> CountAsync(string sql, Guid orderId) => OrderRecords.CountAsync(platform.Factory.ConnectionString, sql, orderId);

    private Task<long> EventsAsync(string type, Guid orderId) => OrderRecords.EventsAsync(platform.Factory.ConnectionString, type, orderId);

    [Fact]
    public async Task Chapa_checkout_is_initialised_verified_and_paid_once_however_often_the_webhook_comes()
    {
        var (buyer, order, _) = await PendingOrderAsync(price: 1000m);
        var session = await buyer.PayAsync(order.Id, "chapa");
        Assert.StartsWith("https://checkout.chapa.co/", session.CheckoutUrl);

        var tx = Chapa.Transactions[session.Reference];
        Assert.Equal(order.Amounts.TotalEtb, tx.Amount);
        Assert.Equal("ETB", tx.Currency);
        Assert.Equal(order.Amounts.TotalEtb.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), tx.Request["amount"]!.GetValue<string>());
        Assert.EndsWith("/api/payments/callbacks/chapa", tx.Request["callback_url"]!.GetValue<string>());
        Assert.Equal("0911234567", tx.Request["phone_number"]!.GetValue<string>()); // the account's +251911234567, in the local form Chapa takes

        // Chapa confirms; its webhook arrives, then arrives again, then again at the same time twice.
        tx.Status = "success";
        var (body, signature) = Chapa.Webhook(session.Reference);
        using (var first = await Http.SendAsync(FakeChapa.WebhookRequest(body, signature))) await Shop.Expect(first, HttpStatusCode.OK);
        Assert.Contains($"verify:{session.Reference}", Chapa.Calls); // never paid on the webhook's word alone
        var replays = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Http.SendAsync(FakeChapa.WebhookRequest(body, signature))));
        Assert.All(replays, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        await buyer.OrderReachesAsync(order.Id, "paid");
        Assert.Equal(1, await EventsAsync("payments.payment_succeeded", order.Id));
        Assert.Equal(1, await EventsAsync("orders.order_paid", order.Id));
        Assert.Equal(1, await CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", order.Id));

        // Refunded through Chapa's refund API.
        using (var refund = await Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 100m, reason = "Late delivery" }, Tokens.Admin())))
            await Shop.Expect(refund, HttpStatusCode.OK);
        var refunded = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 100m, "the refund confirmed");
        // Not shipped yet: the goods still go out, the refunded amount kept beside the fulfilment state (Order.StatusAfterRefund).
        Assert.Equal("paid", refunded.Status);
        var call = Assert.Single(Chapa.Refunds, r => r["reason"]!.GetValue<string>() == "Late delivery");
        Assert.Equal("100.00", call["amount"]!.GetValue<string>());
        Assert.Equal(100m, Chapa.Transactions[session.Reference].Refunded);
    }

    [Fact]
    public async Task Forged_mismatched_and_premature_webhooks_are_refused_and_change_nothing()
    {
        var (buyer, order, sku) = await PendingOrderAsync(price: 700m);
        var session = await buyer.PayAsync(order.Id, "chapa");
        var (body, signature) = Chapa.Webhook(session.Reference);

        // No signature, a wrong one, one made with another secret, a signed body that was then altered.
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(body, null))) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(body, new string('0', 64)))) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var (_, otherSecret) = Chapa.Webhook(session.Reference, secret: "guessed-secret");
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(body, otherSecret))) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("\"status\":\"success\"", "\"status\":\"success\" "));
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(tampered, signature))) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);

        // Properly signed, but for another amount than the order's.
        var (cheap, cheapSignature) = Chapa.Webhook(session.Reference, amount: 1m);
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(cheap, cheapSignature))) Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);

        // Properly signed and right amount, but Chapa itself says the payment is not complete.
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(body, signature))) Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        // Chapa says paid, but less than the order total: still not paid.
        Chapa.Transactions[session.Reference].Status = "success";
        Chapa.Transactions[session.Reference].PaidAmount = order.Amounts.TotalEtb - 0.01m;
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(body, signature))) Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);

        // An unknown reference.
        Chapa.Transactions.TryAdd("AP999999-deadbeef", new FakeChapa.Transaction("AP999999-deadbeef", 5m, "ETB", "x@example.et", new()));
        var (unknown, unknownSignature) = Chapa.Webhook("AP999999-deadbeef");
        using (var r = await Http.SendAsync(FakeChapa.WebhookRequest(unknown, unknownSignature))) Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);

        var still = await buyer.GetOrderAsync(order.Id);
        Assert.Equal("pending_payment", still.Status);
        Assert.Equal(0, await EventsAsync("payments.payment_succeeded", order.Id));
        Assert.Equal(0, await EventsAsync("payments.payment_failed", order.Id));
        Assert.Equal(1, (await StockAsync(sku)).Reserved);
        // The signed calls are on record with their verdicts; the forgeries are only counted (anyone can send them).
        Assert.Equal(3, await CountAsync("select count(*) from payments.webhook_receipts where \"Reference\" = (select \"Reference\" from payments.payments where \"OrderId\"::text = @id)", order.Id));
        Assert.Equal(0, await CountAsync("select count(*) from payments.webhook_receipts where \"Outcome\" = 'BadSignature' and @id is not null", order.Id));
        Assert.True(await CountAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks where \"Gateway\" = 'chapa' and @id is not null", order.Id) >= 4);
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_and_gives_the_stock_back()
    {
        var (buyer, order, sku) = await PendingOrderAsync(quantity: 3);
        Assert.Equal(3, (await StockAsync(sku)).Reserved);
        var session = await buyer.PayAsync(order.Id);
        using (var declined = await buyer.OnSandboxPageAsync(session, "failure")) await Shop.Expect(declined, HttpStatusCode.OK);

        var cancelled = await buyer.OrderReachesAsync(order.Id, "cancelled");
        Assert.Equal("payment_failed", cancelled.CancellationReason);
        var stock = await Eventually.Until(() => StockAsync(sku), s => s.Reserved == 0, "the held stock to be released");
        Assert.Equal(20, stock.Available);
        using var again = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "sandbox" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_payment_whose_webhook_never_came_is_found_by_reconciliation()
    {
        var (buyer, order, sku) = await PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id);
        using (var paid = await buyer.OnSandboxPageAsync(session, "delayed")) await Shop.Expect(paid, HttpStatusCode.OK);
        await Task.Delay(300);
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);

        using (var forbidden = await Http.SendAsync(buyer.Request(HttpMethod.Post, "/api/payments/reconciliation")))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using (var run = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/payments/reconciliation", token: Tokens.Admin())))
            await Shop.Expect(run, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        Assert.Equal(0, (await StockAsync(sku)).Reserved);
    }

    [Fact]
    public async Task A_customer_cancelling_a_paid_order_gets_a_full_refund()
    {
        var (buyer, order, _) = await PendingOrderAsync(price: 1200m, quantity: 2);
        var session = await buyer.PayAsync(order.Id);
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");

        using (var cancel = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel"))) await Shop.Expect(cancel, HttpStatusCode.OK);
        var cancelled = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == o.Amounts.TotalEtb, "the full refund");
        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal("customer", cancelled.CancellationReason);
        Assert.Equal("succeeded", Assert.Single(cancelled.Refunds).Status);
        Assert.Equal(1, await EventsAsync("orders.order_refunded", order.Id));
    }

    [Fact]
    public async Task Coupons_discount_before_vat_and_hold_their_usage_limit()
    {
        var code = $"MESKEL{Random.Shared.Next(1000, 9999)}";
        using (var bad = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/orders/coupons", new { code = "x", kind = "half", value = 0 }, Tokens.Admin())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = await bad.Content.ReadAsStringAsync();
            Assert.Contains("\"code\"", errors);
            Assert.Contains("\"kind\"", errors);
        }
        using (var created = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/orders/coupons",
                   new { code, kind = "percentage", value = 10m, minimumOrderEtb = 500m, usageLimit = 1 }, Tokens.Admin())))
            await Shop.Expect(created, HttpStatusCode.Created);

        var (first, order, _) = await PendingOrderAsync(price: 1000m, coupon: code.ToLowerInvariant());
        // 1000 − 10% = 900, + 100 shipping, + 15% VAT of 1000 = 1150.
        Assert.Equal((1000m, 100m, 100m, 150m, 1150m), (order.Amounts.SubtotalEtb, order.Amounts.DiscountEtb, order.Amounts.ShippingEtb, order.Amounts.VatEtb, order.Amounts.TotalEtb));
        Assert.Equal(code, order.CouponCode);

        var product = await _shop.CreateProductAsync($"CPN-{Guid.NewGuid():N}"[..16], 1000m, 5);
        var second = await Buyer.SignUpAsync(Http);
        var cartId = await second.FillCartAsync(product.Id);
        using (var usedUp = await second.PlaceOrderAsync(cartId, couponCode: code)) Assert.Equal(HttpStatusCode.Conflict, usedUp.StatusCode);
        using (var unknown = await second.PlaceOrderAsync(cartId, couponCode: "NOSUCHCODE")) Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        // Cancelling gives the use back.
        using (var cancel = await Http.SendAsync(first.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel"))) await Shop.Expect(cancel, HttpStatusCode.OK);
        Assert.Equal(100m, (await second.OrderAsync(cartId, code)).Amounts.DiscountEtb);
    }

    [Fact]
    public async Task An_order_can_ship_to_a_saved_address_but_never_to_someone_elses()
    {
        var product = await _shop.CreateProductAsync($"ADR-{Guid.NewGuid():N}"[..16], 300m, 5);
        var buyer = await Buyer.SignUpAsync(Http);
        var other = await Buyer.SignUpAsync(Http);
        async Task<Guid> SaveAddressAsync(Buyer who, string region)
        {
            using var r = await Http.SendAsync(who.Request(HttpMethod.Post, "/api/users/me/addresses", new
            {
                label = "Home", recipient = "Hana Girma", phone = "+251 922 334455", region, city = "Hawassa", subCity = "Tabor", woreda = "02", details = "Behind the stadium"
            }));
            await Shop.Expect(r, HttpStatusCode.Created);
            return (await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        }
        var mine = await SaveAddressAsync(buyer, "Sidama");
        var theirs = await SaveAddressAsync(other, "Oromia");
        var cartId = await buyer.FillCartAsync(product.Id);

        using (var r = await buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders", new { cartId, addressId = theirs }, Guid.NewGuid().ToString())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("addressId", await r.Content.ReadAsStringAsync());
        }
        using (var r = await buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders", new { cartId }, Guid.NewGuid().ToString())))
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using var placed = await buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders", new { cartId, addressId = mine }, Guid.NewGuid().ToString()));
        await Shop.Expect(placed, HttpStatusCode.Created);
        var order = (await placed.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!;
        Assert.Equal(("Hana Girma", "+251922334455", "Sidama", "Hawassa"), (order.ShippingAddress.Recipient, order.ShippingAddress.Phone, order.ShippingAddress.Region, order.ShippingAddress.City));
        Assert.Equal(250m, order.Amounts.ShippingEtb); // outside Addis Ababa
    }

    [Fact]
    public async Task Invalid_checkout_input_is_a_400_with_field_errors_and_writes_nothing()
    {
        var product = await _shop.CreateProductAsync($"VAL-{Guid.NewGuid():N}"[..16], 300m, 5);
        var buyer = await Buyer.SignUpAsync(Http);
        var cartId = await buyer.FillCartAsync(product.Id, 2);

        using var bad = await buyer.PlaceOrderAsync(cartId, address: new { recipient = "A", phone = "12345", region = "Atlantis", city = "Addis Ababa", details = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "shippingAddress.recipient", "shippingAddress.phone", "shippingAddress.region", "shippingAddress.details" })
            Assert.Contains(field, problem);
        using (var pay = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{Guid.NewGuid()}/payments", new { gateway = "paypal" })))
            Assert.Contains("gateway", await pay.Content.ReadAsStringAsync());
        using (var notMine = await buyer.PlaceOrderAsync(Guid.NewGuid())) Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);

        Assert.Equal(0, await CountAsync("select count(*) from orders.orders where \"CustomerId\"::text = @id", buyer.Id));
        Assert.Equal(0, (await StockAsync(product.Sku)).Reserved);
    }

    private Task<long> AttemptsAsync(Guid orderId) => CountAsync("select count(*) from payments.payments where \"OrderId\"::text = @id", orderId);

    private static HttpRequestMessage PayRequest(Buyer buyer, Guid orderId, string gateway, string? returnUrl) =>
        buyer.Request(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway, returnUrl });

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("sandbox", "https://evil.example/orders/1")]
    [InlineData("chapa", "https://evil.example/orders/1")]
    [InlineData("sandbox", "javascript:alert(document.cookie)")]
    [InlineData("chapa", "//evil.example/orders/1")]
    [InlineData("sandbox", "/\\evil.example/orders/1")]
    [InlineData("chapa", "http://127.0.0.1:5080@evil.example/")]
    [InlineData("sandbox", "http://127.0.0.1:5081/orders/1")]
    [InlineData("chapa", "https://127.0.0.1:5080/orders/1")]
    public async Task A_return_address_outside_the_storefront_is_a_400_on_returnUrl_and_starts_no_payment(string gateway, string returnUrl)
    {
        var (buyer, order, _) = await PendingOrderAsync();
        var chapaCalls = Chapa.Calls.Count;

        using var refused = await buyer.Orders.SendAsync(PayRequest(buyer, order.Id, gateway, returnUrl));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("returnUrl", out _), problem.ToString());
        Assert.Equal(0, await AttemptsAsync(order.Id));
        Assert.Equal(0, await ScalarAsync($"select count(*) from payments.sandbox_charges where \"Description\" = 'Order {order.Number}'"));
        Assert.DoesNotContain(Chapa.Transactions.Values, t => t.Request["customization"]?["description"]?.GetValue<string>() == $"Order {order.Number}");
        Assert.True(Chapa.Calls.Count == chapaCalls || gateway != "chapa", "Chapa was asked to open a checkout");
        // The order can still be paid, back to the storefront.
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task A_return_path_is_resolved_against_the_storefront_and_is_what_chapa_sends_the_customer_back_to()
    {
        var (buyer, order, _) = await PendingOrderAsync();

        using var started = await buyer.Orders.SendAsync(PayRequest(buyer, order.Id, "chapa", $"/orders/{order.Id}?paid=1"));

        await Shop.Expect(started, HttpStatusCode.Created);
        var session = (await started.Content.ReadFromJsonAsync<AddisPay.Payments.Contracts.PaymentSession>(Buyer.Json))!;
        // The first storefront origin (Testing: the local demo's, http://127.0.0.1:5080).
        Assert.Equal($"http://127.0.0.1:5080/orders/{order.Id}?paid=1", Chapa.Transactions[session.Reference].Request["return_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_sandbox_page_sends_the_customer_back_to_an_allowed_storefront_address()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        using var started = await buyer.Orders.SendAsync(PayRequest(buyer, order.Id, "sandbox", "http://localhost:5080/thanks"));
        await Shop.Expect(started, HttpStatusCode.Created);
        var session = (await started.Content.ReadFromJsonAsync<AddisPay.Payments.Contracts.PaymentSession>(Buyer.Json))!;

        using var browser = platform.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var paid = await browser.PostAsync(new Uri(session.CheckoutUrl).PathAndQuery, new FormUrlEncodedContent([new("outcome", "success")]));

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal($"http://localhost:5080/thanks?tx_ref={session.Reference}&status=success", paid.Headers.Location?.OriginalString);
        await buyer.OrderReachesAsync(order.Id, "paid");
    }

    [Fact]
    public async Task A_flood_of_unverified_webhooks_is_only_counted_per_gateway_and_hour_and_a_signed_one_still_pays()
    {
        var (buyer, order, _) = await PendingOrderAsync(price: 650m);
        var session = await buyer.PayAsync(order.Id, "chapa");
        var marker = $"flood-{Guid.NewGuid():N}";
        var receiptsBefore = await ScalarAsync("select count(*) from payments.webhook_receipts");
        var countedBefore = await ScalarAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks");

        // 500 anonymous calls: unsigned, wrongly signed, and to gateways that don't exist, each with its own body.
        HttpRequestMessage Forged(int i)
        {
            var body = System.Text.Encoding.UTF8.GetBytes($$"""{"tx_ref":"{{session.Reference}}","status":"success","note":"{{marker}}-{{i}}"}""");
            var r = (i % 3) switch
            {
                0 => FakeChapa.WebhookRequest(body, null),
                1 => FakeChapa.WebhookRequest(body, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))),
                _ => new HttpRequestMessage(HttpMethod.Post, $"/api/payments/webhooks/{marker}-{i}") { Content = new ByteArrayContent(body) }
            };
            return r;
        }
        for (var batch = 0; batch < 500; batch += 25)
        {
            var replies = await Task.WhenAll(Enumerable.Range(batch, 25).Select(i => Http.SendAsync(Forged(i))));
            Assert.All(replies, r => Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, r.StatusCode.ToString()));
            foreach (var r in replies) r.Dispose();
        }

        Assert.Equal(receiptsBefore, await ScalarAsync("select count(*) from payments.webhook_receipts"));
        Assert.Equal(countedBefore + 500, await ScalarAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks"));
        // At most one row per gateway (ours, or "unknown") and hour: two hours if the flood straddled one.
        Assert.True(await ScalarAsync("select count(*) from payments.unverified_webhooks") <= 2 * 4);
        Assert.Equal(0, await ScalarAsync($"select count(*) from payments.unverified_webhooks u where u::text like '%{marker}%'"));
        Assert.Equal(0, await ScalarAsync($"select count(*) from payments.webhook_receipts r where r::text like '%{marker}%'"));
        Assert.Equal(1, await AttemptsAsync(order.Id)); // the one attempt, still open
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);

        // Chapa's signed webhook is kept in full and settles the payment; its replays settle nothing twice.
        Chapa.Transactions[session.Reference].Status = "success";
        var (body, signature) = Chapa.Webhook(session.Reference);
        using (var genuine = await Http.SendAsync(FakeChapa.WebhookRequest(body, signature))) await Shop.Expect(genuine, HttpStatusCode.OK);
        foreach (var _ in Enumerable.Range(0, 2))
            using (var replay = await Http.SendAsync(FakeChapa.WebhookRequest(body, signature))) await Shop.Expect(replay, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body));
        Assert.Equal(1, await ScalarAsync($"select count(*) from payments.webhook_receipts where \"Gateway\" = 'chapa' and \"Reference\" = '{session.Reference}' and \"BodySha256\" = '{hash}' and \"Outcome\" = 'Accepted'"));
        Assert.Equal(2, await ScalarAsync($"select count(*) from payments.webhook_receipts where \"Reference\" = '{session.Reference}' and \"Outcome\" = 'Duplicate'"));
        Assert.Equal(1, await EventsAsync("payments.payment_succeeded", order.Id));
    }

    [Fact]
    public async Task Counts_of_unverified_webhooks_are_forgotten_once_older_than_their_retention()
    {
        var now = DateTimeOffset.UtcNow;
        var old = AddisPay.Payments.Data.UnverifiedWebhooks.HourOf(now - TimeSpan.FromDays(8));
        var recent = AddisPay.Payments.Data.UnverifiedWebhooks.HourOf(now - TimeSpan.FromDays(6));
        await using (var conn = new NpgsqlConnection(platform.Factory.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                insert into payments.unverified_webhooks ("Gateway", "Hour", "Calls") values ('sandbox', @old, 40), ('sandbox', @recent, 7)
                on conflict do nothing
                """, conn);
            cmd.Parameters.AddWithValue("old", old);
            cmd.Parameters.AddWithValue("recent", recent);
            await cmd.ExecuteNonQueryAsync();
        }

        var reconciliation = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<AddisPay.Payments.ReconcilePayments.PaymentReconciliation>(platform.Factory.Services);
        Assert.True(await reconciliation.ForgetExpiredUnverifiedWebhooksAsync(CancellationToken.None) >= 1);

        Assert.Equal(0, await ScalarAsync($"select count(*) from payments.unverified_webhooks where \"Hour\" < now() - interval '7 days'"));
        Assert.Equal(1, await ScalarAsync($"select count(*) from payments.unverified_webhooks where \"Gateway\" = 'sandbox' and \"Hour\" = '{recent:yyyy-MM-dd HH:mm:ss}+00'::timestamptz"));
    }

    private async Task<(Buyer Buyer, OrderView Order)> PaidOrderAsync(decimal price = 1000m, int quantity = 2)
    {
        var (buyer, order, _) = await PendingOrderAsync(price, quantity);
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        return (buyer, await buyer.OrderReachesAsync(order.Id, "paid"));
    }

    private Task<long> KeysHeldAsync(string key) => ScalarAsync($"select count(*) from orders.request_keys where \"Key\" = '{key}'");

    [Fact]
    public async Task A_receipt_answers_json_when_asked_for_it_and_a_printable_page_otherwise()
    {
        var (buyer, order) = await PaidOrderAsync();
        HttpRequestMessage Receipt(string? accept)
        {
            var r = buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{order.Id}");
            if (accept is not null) r.Headers.TryAddWithoutValidation("Accept", accept);
            return r;
        }

        using (var json = await Http.SendAsync(Receipt("application/json")))
        {
            await Shop.Expect(json, HttpStatusCode.OK);
            Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Accept", json.Headers.Vary);
            var receipt = (await json.Content.ReadFromJsonAsync<AddisPay.Payments.ShowInvoice.ReceiptView>(Buyer.Json))!;
            Assert.Matches("^INV-\\d{4}-\\d{6}$", receipt.Number);
            Assert.Equal((order.Id, order.Number, "sandbox", "ETB", 0.15m), (receipt.OrderId, receipt.OrderNumber, receipt.Gateway, receipt.Currency, receipt.VatRate));
            Assert.Equal((order.Amounts.SubtotalEtb, order.Amounts.ShippingEtb, order.Amounts.VatEtb, order.Amounts.TotalEtb),
                (receipt.SubtotalEtb, receipt.ShippingEtb, receipt.VatEtb, receipt.TotalEtb));
            var line = Assert.Single(receipt.Lines);
            Assert.Equal((2, 1000m, 2000m), (line.Quantity, line.UnitPriceEtb, line.LineTotalEtb));
        }
        // A browser ranks HTML first (and JSON only under */*); a client that says nothing gets the page too.
        foreach (var accept in new[] { "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", null })
        {
            using var html = await Http.SendAsync(Receipt(accept));
            await Shop.Expect(html, HttpStatusCode.OK);
            Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
            var page = await html.Content.ReadAsStringAsync();
            Assert.StartsWith("<!doctype html>", page);
            Assert.Contains(order.Amounts.VatEtb.ToString("N2", System.Globalization.CultureInfo.InvariantCulture), page);
        }
    }

    [Fact]
    public async Task An_idempotency_key_on_a_payment_start_replays_the_answer_refuses_another_body_and_a_retry_while_in_flight()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Start(string gateway, string k) =>
            buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway, returnUrl = "/checkout/return" }, k);

        using var first = await Http.SendAsync(Start("sandbox", key));
        await Shop.Expect(first, HttpStatusCode.Created);
        using var again = await Http.SendAsync(Start("sandbox", key));
        await Shop.Expect(again, HttpStatusCode.Created);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        using (var otherBody = await Http.SendAsync(Start("chapa", key))) Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);

        // A start held at the gateway: its retry is told to wait, and nothing is started twice.
        var held = Guid.NewGuid().ToString();
        Chapa.HoldInitialize = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var inFlight = Http.SendAsync(Start("chapa", held));
            await Eventually.Until(() => KeysHeldAsync(held), n => n == 1, "the first start to hold its key");
            using (var retry = await Http.SendAsync(Start("chapa", held)))
            {
                Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(1), retry.Headers.RetryAfter?.Delta); // when to come back: the calling pods retry after it
            }
            Chapa.HoldInitialize.SetResult();
            using var done = await inFlight;
            await Shop.Expect(done, HttpStatusCode.Created);
        }
        finally
        {
            Chapa.HoldInitialize?.TrySetResult();
            Chapa.HoldInitialize = null;
        }
        using (var replayed = await Http.SendAsync(Start("chapa", held))) Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, await CountAsync("select count(*) from payments.payments where \"OrderId\"::text = @id", order.Id)); // one per gateway
    }

    [Fact]
    public async Task An_idempotency_key_on_a_refund_refunds_once_refuses_another_body_and_a_retry_while_in_flight()
    {
        var (_, order) = await PaidOrderAsync(price: 500m, quantity: 1);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Refund(decimal amountEtb, string k)
        {
            var r = Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb, reason = "Late delivery" }, Tokens.Admin());
            r.Headers.Add("Idempotency-Key", k);
            return r;
        }

        using var first = await Http.SendAsync(Refund(100m, key));
        await Shop.Expect(first, HttpStatusCode.OK);
        using var again = await Http.SendAsync(Refund(100m, key));
        await Shop.Expect(again, HttpStatusCode.OK);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        using (var otherBody = await Http.SendAsync(Refund(50m, key))) Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.Equal(1, await CountAsync("select count(*) from orders.refunds where \"OrderId\"::text = @id", order.Id));

        // A refund waiting for the order's row lock (held here) is in flight: its retry is told to wait.
        var held = Guid.NewGuid().ToString();
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("select 1 from orders.orders where \"Id\" = @id for update", conn, tx))
        {
            lockRow.Parameters.AddWithValue("id", order.Id);
            await lockRow.ExecuteScalarAsync();
        }
        var inFlight = Http.SendAsync(Refund(20m, held));
        await Eventually.Until(() => KeysHeldAsync(held), n => n == 1, "the first refund to hold its key");
        using (var retry = await Http.SendAsync(Refund(20m, held))) Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        await tx.CommitAsync();
        using (var done = await inFlight) await Shop.Expect(done, HttpStatusCode.OK);
        Assert.Equal(2, await CountAsync("select count(*) from orders.refunds where \"OrderId\"::text = @id", order.Id));
    }
}
