using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Products;
using AddisPay.Products.Domain;
using AddisPay.Products.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>From basket to paid, shipped, delivered and refunded, over HTTP, with every module in one process.</summary>
public sealed class CheckoutFlowTests(CheckoutFlowTests.Platform platform) : IClassFixture<CheckoutFlowTests.Platform>
{
    public sealed class Platform : IDisposable
    {
        public PlatformFactory Factory { get; } = new("all", new Dictionary<string, string?>
        {
            ["AddisPay:Payments:ReconcileAfter"] = "00:00:00",
            ["AddisPay:Orders:ShippingAddisAbabaEtb"] = "100",
            ["AddisPay:Orders:ShippingOtherRegionsEtb"] = "250",
            ["AddisPay:Orders:FreeShippingFromEtb"] = "5000",
        }, services => services.Insert(0, ServiceDescriptor.Scoped<IPipelineBehavior<CommitReservation, Reservation>>(_ => new SaleInterleaving(Interleaved))));
        public void Dispose() => Factory.Dispose();

        /// <summary>What a test runs just after Products sells an order's hold, keyed by the order (its reservation id).</summary>
        public static readonly ConcurrentDictionary<Guid, Func<Task>> Interleaved = new();
    }

    /// <summary>
    /// Runs a test's step between the payment saga's sale of the stock and the rest of its handling. Registered first, so it
    /// wraps Products' unit of work (Mediator runs behaviours in registration order): the step runs after the sale commits.
    /// </summary>
    private sealed class SaleInterleaving(ConcurrentDictionary<Guid, Func<Task>> interleaved) : IPipelineBehavior<CommitReservation, Reservation>
    {
        public async ValueTask<Reservation> Handle(CommitReservation message, MessageHandlerDelegate<CommitReservation, Reservation> next, CancellationToken ct)
        {
            var sold = await next(message, ct);
            if (interleaved.TryRemove(message.ReservationId, out var step)) await step();
            return sold;
        }
    }

    private readonly Shop _shop = platform.Factory.Shop();
    private HttpClient Http => _shop.Products;

    private static string Sku(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    private async Task<StockView> StockAsync(string sku)
    {
        using var r = await Http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<StockView>())!;
    }

    private async Task<OrderView> AdminAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expect = HttpStatusCode.OK)
    {
        using var r = await Http.SendAsync(Shop.Request(method, url, body, Tokens.Admin()));
        await Shop.Expect(r, expect);
        return expect == HttpStatusCode.OK ? (await r.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))! : null!;
    }

    [Fact]
    public async Task An_order_goes_from_cart_to_paid_shipped_delivered_and_refunded_with_stock_vat_receipt_and_timeline()
    {
        var product = await _shop.CreateProductAsync(Sku("FLOW"), 1000m, stock: 10, name: "Sidamo coffee 1 kg");
        var buyer = await Buyer.SignUpAsync(Http);
        var cartId = await buyer.FillCartAsync(product.Id, 2);

        // The checkout quote: 2 × 1000 + 100 shipping in Addis Ababa, 15% VAT on both.
        using (var quote = await Http.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders/quote", new { cartId, region = "Addis Ababa" })))
        {
            await Shop.Expect(quote, HttpStatusCode.OK);
            var amounts = (await quote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amounts");
            Assert.Equal(2000m, amounts.GetProperty("subtotalEtb").GetDecimal());
            Assert.Equal(100m, amounts.GetProperty("shippingEtb").GetDecimal());
            Assert.Equal(315m, amounts.GetProperty("vatEtb").GetDecimal());
            Assert.Equal(2415m, amounts.GetProperty("totalEtb").GetDecimal());
        }

        var order = await buyer.OrderAsync(cartId);
        Assert.Equal("pending_payment", order.Status);
        Assert.Equal(2415m, order.Amounts.TotalEtb);
        Assert.Matches("^AP\\d{6}$", order.Number);
        var held = await StockAsync(product.Sku);
        Assert.Equal((10, 2, 8), (held.OnHand, held.Reserved, held.Available));

        var session = await buyer.PayAsync(order.Id);
        Assert.Equal(2415m, session.AmountEtb);
        Assert.Equal(session.PaymentId, (await buyer.PayAsync(order.Id)).PaymentId); // starting again returns the open attempt
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);

        order = await buyer.OrderReachesAsync(order.Id, "paid");
        Assert.Equal("sandbox", order.Gateway);
        var sold = await StockAsync(product.Sku);
        Assert.Equal((8, 0, 8), (sold.OnHand, sold.Reserved, sold.Available));

        // The receipt: sequential number, VAT broken out, the customer's only.
        using (var receipt = await Http.SendAsync(buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{order.Id}")))
        {
            await Shop.Expect(receipt, HttpStatusCode.OK);
            var html = await receipt.Content.ReadAsStringAsync();
            Assert.Matches("INV-\\d{4}-\\d{6}", html);
            Assert.Contains("315.00", html);
            Assert.Contains("2,415.00", html);
            Assert.Contains("ደረሰኝ", html);
        }
        var stranger = await Buyer.SignUpAsync(Http);
        using (var other = await Http.SendAsync(stranger.Request(HttpMethod.Get, $"/api/payments/invoices/{order.Id}")))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var other = await Http.SendAsync(stranger.Request(HttpMethod.Get, $"/api/orders/{order.Id}")))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using (var other = await Http.SendAsync(stranger.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel")))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // Fulfilment by staff; a customer can't do it, and steps can't be skipped.
        using (var forbidden = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/processing")))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/delivery", expect: HttpStatusCode.Conflict);
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/processing");
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/shipment", new { carrier = "", trackingNumber = "x" }, HttpStatusCode.BadRequest);
        order = await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/shipment", new { carrier = "Ethio Post", trackingNumber = "EP-2026-0042" });
        Assert.Equal(("shipped", "Ethio Post", "EP-2026-0042"), (order.Status, order.Carrier, order.TrackingNumber));
        using (var late = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel")))
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode); // too late to cancel once shipped
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/delivery");

        // The customer asks for money back; staff refund part, then the rest.
        using (var ask = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refund-request", new { reason = "One bag arrived torn" })))
            await Shop.Expect(ask, HttpStatusCode.OK);
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 5000m, reason = "too much" }, HttpStatusCode.Conflict);
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 1207.50m, reason = "Torn bag" });
        order = await buyer.OrderReachesAsync(order.Id, "partially_refunded");
        Assert.Equal(1207.50m, order.RefundedEtb);
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 1207.50m, reason = "Goodwill" });
        order = await buyer.OrderReachesAsync(order.Id, "refunded");
        Assert.Equal(2415m, order.RefundedEtb);
        Assert.All(order.Refunds, r => Assert.Equal("succeeded", r.Status));
        await AdminAsync(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 1m, reason = "more" }, HttpStatusCode.Conflict);

        // The tracking timeline tells the whole story, in order, with who did what.
        var steps = order.Timeline.Select(t => t.Status).Distinct().ToList();
        Assert.Equal(["pending_payment", "paid", "processing", "shipped", "delivered", "refund_requested", "partially_refunded", "refunded"], steps);
        Assert.Contains(order.Timeline, t => t.Status == "paid" && t.Actor == "payments");
        Assert.Contains(order.Timeline, t => t.Status == "shipped" && t.Actor.StartsWith("admin:"));
        Assert.Equal(order.Timeline.OrderBy(t => t.At).Select(t => t.At), order.Timeline.Select(t => t.At));

        // History: the customer's orders, newest first; staff search by status.
        using (var history = await Http.SendAsync(buyer.Request(HttpMethod.Get, "/api/orders?page=1&pageSize=10")))
        {
            var page = (await history.Content.ReadFromJsonAsync<OrderPage>(Buyer.Json))!;
            Assert.Equal(order.Id, Assert.Single(page.Items).Id);
        }
        using (var search = await Http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/orders/admin/orders?status=refunded&customerId={buyer.Id}", token: Tokens.Admin())))
        {
            var page = (await search.Content.ReadFromJsonAsync<OrderPage>(Buyer.Json))!;
            Assert.Equal(order.Id, Assert.Single(page.Items).Id);
        }
    }

    [Fact]
    public async Task An_idempotency_key_places_one_order_replays_its_response_and_refuses_another_body()
    {
        var product = await _shop.CreateProductAsync(Sku("IDEM"), 250m, stock: 50);
        var buyer = await Buyer.SignUpAsync(Http);
        var cartId = await buyer.FillCartAsync(product.Id, 1);
        var key = Guid.NewGuid().ToString();

        using (var missing = await Http.SendAsync(buyer.Request(HttpMethod.Post, "/api/orders", new { cartId, shippingAddress = Buyer.Address() })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("Idempotency-Key", await missing.Content.ReadAsStringAsync());
        }

        // Ten identical requests at once: one order; the others are told to wait (409) or get the stored answer.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => buyer.PlaceOrderAsync(cartId, key)));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<Guid>();
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
            ids.Add((await r.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!.Id);
        Assert.Single(ids);
        foreach (var r in responses) r.Dispose();

        using var retry = await buyer.PlaceOrderAsync(cartId, key);
        await Shop.Expect(retry, HttpStatusCode.Created);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(ids.Single(), (await retry.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!.Id);

        using var otherBody = await buyer.PlaceOrderAsync(cartId, key, address: Buyer.Address("Oromia"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);

        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from orders.orders where \"CustomerId\" = @c", conn);
        count.Parameters.AddWithValue("c", buyer.Id);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        Assert.Equal(1, (await StockAsync(product.Sku)).Reserved);
    }

    /// <summary>A new product, a new customer's order of one unit of it, and the payment they have started.</summary>
    private async Task<(ProductView Product, Buyer Buyer, OrderView Order, PaymentSession Session)> OrderOfOneAwaitingPaymentAsync(string prefix, decimal priceEtb, int stock)
    {
        var product = await _shop.CreateProductAsync(Sku(prefix), priceEtb, stock);
        var buyer = await Buyer.SignUpAsync(Http);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 1));
        return (product, buyer, order, await buyer.PayAsync(order.Id));
    }

    [Fact]
    public async Task A_customer_whose_payment_start_was_cut_off_gets_the_same_attempt_on_trying_again_and_pays_it()
    {
        var product = await _shop.CreateProductAsync(Sku("CUTOFF"), 180m, stock: 3);
        var buyer = await Buyer.SignUpAsync(Http);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 1));
        await Scenarios.CutOffPaymentStartScenario.RunAsync(buyer, order.Id, platform.Factory.ConnectionString);
    }

    [Fact]
    public async Task A_customer_cancelling_while_their_payment_is_being_settled_is_not_kept_waiting_and_the_sold_stock_and_money_come_back()
    {
        var (product, buyer, order, session) = await OrderOfOneAwaitingPaymentAsync("RACE", 300m, stock: 4);
        // The customer cancels after Products has sold the stock and before Orders has marked the order paid. The saga must
        // not hold the order's lock while it calls Products, or this cancellation waits for the saga, which waits for it.
        HttpStatusCode? cancelled = null;
        Platform.Interleaved[order.Id] = async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var cancel = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel"), timeout.Token);
            cancelled = cancel.StatusCode;
        };
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);

        var settled = await Eventually.Until(() => buyer.GetOrderAsync(order.Id),
            o => o.Refunds.Count == 1 && o.Refunds[0].Status == "succeeded", "the late payment to be refunded");
        Assert.Equal(HttpStatusCode.OK, cancelled);
        Assert.Equal(("cancelled", "customer"), (settled.Status, settled.CancellationReason));
        Assert.Equal(settled.Amounts.TotalEtb, settled.Refunds[0].AmountEtb);
        // The units the saga sold are back on the shelf, none left held.
        var stock = await Eventually.Until(() => StockAsync(product.Sku), s => s.OnHand == 4, "the sold unit to be restocked");
        Assert.Equal((4, 0, 4), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task An_unpaid_order_whose_payment_is_parked_as_a_dead_letter_is_not_cancelled_when_its_window_closes()
    {
        var (product, buyer, order, session) = await OrderOfOneAwaitingPaymentAsync("PARK", 250m, stock: 5);
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("order", order.Id);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync());
        }
        // Products can no longer settle the hold, so Orders' handler of the payment fails until it parks the event.
        await ScalarAsync("""delete from products.reservations where "Id" = @order""");
        using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await Eventually.Until(() => ScalarAsync("""
            select count(*) from orders.inbox_dead_letters d join events.mt_events e on e.seq_id = d.sequence
             where e.stream_id = @order and d.event_type = 'payments.payment_succeeded'
            """), n => n == 1, "the payment to be dead-lettered in Orders' inbox");

        // The payment window closes. The customer has paid: the order waits for an operator, it is not cancelled.
        await ScalarAsync("""update orders.orders set "PaymentDueBy" = now() - interval '1 minute' where "Id" = @order""");
        var expiry = platform.Factory.Services.GetRequiredService<AddisPay.Orders.ExpireUnpaidOrders.UnpaidOrderExpiry>();
        await expiry.SweepAsync(CancellationToken.None);
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task Fifty_buyers_for_the_last_five_units_make_exactly_five_paid_orders()
    {
        var product = await _shop.CreateProductAsync(Sku("LAST5"), 499.99m, stock: 5);
        var buyers = new List<(Buyer Buyer, Guid CartId)>();
        for (var i = 0; i < 50; i += 10)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            {
                var b = await Buyer.SignUpAsync(Http);
                return (b, await b.FillCartAsync(product.Id, 1));
            }));
            buyers.AddRange(batch);
        }

        var attempts = await Task.WhenAll(buyers.Select(async b =>
        {
            using var r = await b.Buyer.PlaceOrderAsync(b.CartId);
            return (b.Buyer, r.StatusCode, Order: r.StatusCode == HttpStatusCode.Created ? await r.Content.ReadFromJsonAsync<OrderView>(Buyer.Json) : null,
                Body: await r.Content.ReadAsStringAsync());
        }));
        var winners = attempts.Where(a => a.StatusCode == HttpStatusCode.Created).ToList();
        Assert.True(winners.Count == 5, $"{winners.Count} orders placed; the others answered: " +
            string.Join(" | ", attempts.Where(a => a.StatusCode != HttpStatusCode.Created).GroupBy(a => $"{(int)a.StatusCode} {a.Body}").Select(g => $"{g.Count()}× {g.Key}")));
        Assert.All(attempts.Where(a => a.StatusCode != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
            Assert.Matches("left|no longer available", a.Body);
        });
        var held = await StockAsync(product.Sku);
        Assert.Equal((5, 5, 0), (held.OnHand, held.Reserved, held.Available));

        await Task.WhenAll(winners.Select(async w =>
        {
            var session = await w.Buyer.PayAsync(w.Order!.Id);
            using var paid = await w.Buyer.OnSandboxPageAsync(session, "success");
            await w.Buyer.OrderReachesAsync(w.Order.Id, "paid");
        }));
        var sold = await StockAsync(product.Sku);
        Assert.Equal((0, 0, 0), (sold.OnHand, sold.Reserved, sold.Available));
        Assert.Equal(5, sold.Movements.Count(m => m.Reason == "sold"));
    }
}
