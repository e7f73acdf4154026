using AddisPay.Cart.Domain;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Domain;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>
/// Checkout with Orders and Payments each in its own Host process, as in Kubernetes, and the Orders process
/// killed with SIGKILL in the middle of the saga: every order still ends paid or cancelled, and no stock
/// stays held.
/// </summary>
[Collection(nameof(Topologies.SplitProcessTests))]
public sealed class SplitCheckoutTests(SplitCheckoutTests.ShopAndPayments pods, ITestOutputHelper output)
    : IClassFixture<SplitCheckoutTests.ShopAndPayments>, IAsyncLifetime
{
    private readonly string _db = pods.Database;
    private readonly int _ordersPort = HostProcess.FreePort();
    private readonly HostProcess _shop = pods.Shop;
    private readonly HostProcess _payments = pods.Payments;
    private HostProcess? _orders;

    /// <summary>
    /// The shop and Payments processes, started once for the class; Orders, the process the tests kill, is each test's own.
    /// Each test sells a product of its own to customers of its own.
    /// </summary>
    public sealed class ShopAndPayments : IAsyncLifetime
    {
        public string Database { get; } = TestPostgres.CreateDatabase("splitcheckout");
        public HostProcess Shop { get; private set; } = null!;
        public HostProcess Payments { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            try
            {
                // At once, as a release's pods start; each waits for the other's migrations, hence the longer readiness wait.
                var shop = HostProcess.StartAsync("users,products,cart", Database, readyWithin: TimeSpan.FromMinutes(3));
                var payments = HostProcess.StartAsync("payments", Database, readyWithin: TimeSpan.FromMinutes(3));
                try
                {
                    await Task.WhenAll(shop, payments);
                }
                finally
                {
                    if (shop.IsCompletedSuccessfully) Shop = shop.Result;
                    if (payments.IsCompletedSuccessfully) Payments = payments.Result;
                }
            }
            catch
            {
                // xunit disposes no fixture whose start failed: the process started so far would outlive the run.
                await DisposeAsync();
                throw;
            }
        }

        public async Task DisposeAsync()
        {
            if (Payments is not null) await Payments.DisposeAsync();
            Payments = null!;
            if (Shop is not null) await Shop.DisposeAsync();
            Shop = null!;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Orders in its own process. Each test picks the payment window: one that ends inside the test where expiry
    /// is part of the story, a long one where it isn't (a loaded CI machine takes seconds per customer).
    /// </summary>
    private Task<HostProcess> StartOrdersAsync(TimeSpan paymentWindow) => HostProcess.StartAsync("orders", _db, _ordersPort, new Dictionary<string, string>
    {
        ["AddisPay__Endpoints__users"] = _shop.BaseAddress.ToString(),
        ["AddisPay__Endpoints__products"] = _shop.BaseAddress.ToString(),
        ["AddisPay__Endpoints__cart"] = _shop.BaseAddress.ToString(),
        ["AddisPay__Endpoints__payments"] = _payments.BaseAddress.ToString(),
        ["AddisPay__Orders__PaymentWindow"] = paymentWindow.ToString("c"),
        ["AddisPay__Orders__SweepInterval"] = "00:00:01",
    });

    public async Task DisposeAsync()
    {
        // What the processes said beyond serving requests (warnings, retries, dead letters): why an order got stuck.
        foreach (var host in new[] { _orders, _payments, _shop }.OfType<HostProcess>())
        {
            output.WriteLine($"--- {host.Modules} process output, request logs left out (tail) ---");
            output.WriteLine(string.Join('\n', host.Output.Split('\n').Where(l => !l.Contains("RequestLoggingMiddleware")).TakeLast(40)));
        }
        if (_orders is not null) await _orders.DisposeAsync();
    }

    private async Task<StockView> StockAsync(HttpClient shop, string sku)
    {
        using var r = await shop.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<StockView>())!;
    }

    [Fact]
    public async Task Orders_and_payments_in_their_own_processes_survive_a_sigkill_of_orders_mid_saga()
    {
        using var shop = _shop.Client();
        using var payments = _payments.Client();
        var sku = $"SPLIT-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await new Shop(shop, shop).CreateProductAsync(sku, 800m, stock: 10);
        var window = TimeSpan.FromSeconds(15);
        _orders = await StartOrdersAsync(window);

        // 1. The whole flow across three processes.
        using (var orders = _orders.Client())
        {
            var buyer = await Buyer.SignUpAsync(shop, orders, payments);
            var cartId = await buyer.FillCartAsync(product.Id, 2);
            var order = await buyer.OrderAsync(cartId);
            // Payments' refusal of a return address off the storefront crosses back to Orders' caller as the same 400 on returnUrl.
            using (var offSite = await orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "sandbox", returnUrl = "https://evil.example/" })))
            {
                Assert.Equal(HttpStatusCode.BadRequest, offSite.StatusCode);
                Assert.Contains("returnUrl", await offSite.Content.ReadAsStringAsync());
            }
            var session = await buyer.PayAsync(order.Id);
            using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);
            await buyer.OrderReachesAsync(order.Id, "paid");
            var sold = await StockAsync(shop, sku);
            Assert.Equal((8, 0), (sold.OnHand, sold.Reserved));
            // Cart (in the shop process) emptied the cart the order came from.
            await Eventually.Until(async () =>
            {
                using var mine = await shop.SendAsync(buyer.Request(HttpMethod.Get, "/api/cart/mine"));
                return (await mine.Content.ReadFromJsonAsync<CartView>())!;
            }, c => c.Lines.Count == 0, "the ordered lines to leave the cart");
        }

        // 2. Orders dies after the customer started paying; the payment succeeds while it is down.
        Guid paidWhileDown;
        OrderView neverPaid;
        Buyer first, second;
        using (var orders = _orders.Client())
        {
            first = await Buyer.SignUpAsync(shop, orders, payments);
            paidWhileDown = (await first.OrderAsync(await first.FillCartAsync(product.Id, 1))).Id;
            var session = await first.PayAsync(paidWhileDown);
            second = await Buyer.SignUpAsync(shop, orders, payments);
            neverPaid = await second.OrderAsync(await second.FillCartAsync(product.Id, 3));
            Assert.Equal(4, (await StockAsync(shop, sku)).Reserved);

            _orders.Kill();
            using var paid = await first.OnSandboxPageAsync(session, "success");
            await Shop.Expect(paid, HttpStatusCode.OK);
        }
        // The unpaid order's window closes while Orders is down (the paid one's closed too, but its payment was in time).
        var untilDue = neverPaid.PaymentDueBy - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (untilDue > TimeSpan.Zero) await Task.Delay(untilDue);

        _orders = await StartOrdersAsync(window);
        using (var orders = _orders.Client())
        {
            var restarted = new Buyer(shop, orders, payments, first.Id, first.Token);
            await restarted.OrderReachesAsync(paidWhileDown, "paid");
            var abandoned = await new Buyer(shop, orders, payments, second.Id, second.Token).OrderReachesAsync(neverPaid.Id, "cancelled");
            Assert.Equal("payment_timeout", abandoned.CancellationReason);
        }
        var stock = await Eventually.Until(() => StockAsync(shop, sku), s => s.Reserved == 0, "no stock left on hold");
        Assert.Equal((7, 0, 7), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task A_customer_whose_payment_start_was_cut_off_across_processes_gets_the_same_attempt_on_trying_again_and_pays_it()
    {
        using var shop = _shop.Client();
        using var payments = _payments.Client();
        var product = await new Shop(shop, shop).CreateProductAsync($"CUT-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 180m, stock: 3);
        _orders = await StartOrdersAsync(TimeSpan.FromMinutes(10));
        using var orders = _orders.Client();
        var buyer = await Buyer.SignUpAsync(shop, orders, payments);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 1));
        await Scenarios.CutOffPaymentStartScenario.RunAsync(buyer, order.Id, _db);
    }

    [Fact]
    public async Task Orders_catches_up_on_a_backlog_of_payments_in_concurrent_lanes_each_order_settled_once()
    {
        using var shop = _shop.Client();
        using var payments = _payments.Client();
        var sku = $"LANE-{Guid.NewGuid():N}"[..15].ToUpperInvariant();
        var product = await new Shop(shop, shop).CreateProductAsync(sku, 300m, stock: 50);
        // No order may expire here: the test is about the backlog, and eight customers can take well over 8 s on CI.
        var window = TimeSpan.FromMinutes(10);
        _orders = await StartOrdersAsync(window);

        var started = new List<(Buyer Buyer, Guid Order, PaymentSession Session)>();
        using (var orders = _orders.Client())
        {
            for (var i = 0; i < 8; i++)
            {
                var buyer = await Buyer.SignUpAsync(shop, orders, payments);
                var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 2));
                started.Add((buyer, order.Id, await buyer.PayAsync(order.Id)));
            }
        }
        // Orders is down while all eight are paid: their PaymentSucceeded events wait in the log for it.
        _orders.Kill();
        foreach (var (buyer, _, session) in started)
        {
            using var paid = await buyer.OnSandboxPageAsync(session, "success");
            await Shop.Expect(paid, HttpStatusCode.OK);
        }

        _orders = await StartOrdersAsync(window);
        using (var orders = _orders.Client())
            foreach (var (buyer, order, _) in started)
                await new Buyer(shop, orders, payments, buyer.Id, buyer.Token).OrderReachesAsync(order, "paid");

        var stock = await Eventually.Until(() => StockAsync(shop, sku), s => s.Reserved == 0, "every reservation committed");
        Assert.Equal((34, 0), (stock.OnHand, stock.Reserved));
        await using var conn = new Npgsql.NpgsqlConnection(_db);
        await conn.OpenAsync();
        var orderIds = started.Select(s => s.Order).ToArray();
        await using (var cmd = new Npgsql.NpgsqlCommand("""
            select count(*) from orders.orders where "Id" = any(@ids) and "Status" = 'Paid'
            """, conn))
        {
            cmd.Parameters.AddWithValue("ids", orderIds);
            Assert.Equal(8L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        // The backlog was handled in several transactions at once (one per lane), not as one ordered run.
        await using (var cmd = new Npgsql.NpgsqlCommand("""
            select count(distinct i.xmin::text) from orders.inbox i join events.mt_events e on e.seq_id = i.sequence
             where i.event_type = 'payments.payment_succeeded' and e.stream_id = any(@ids)
            """, conn))
        {
            cmd.Parameters.AddWithValue("ids", orderIds);
            var transactions = (long)(await cmd.ExecuteScalarAsync())!;
            Assert.InRange(transactions, 2, 8);
        }
    }

    [Fact]
    public async Task Units_cancelled_before_shipping_and_units_returned_after_delivery_go_back_to_stock_with_credit_notes_across_processes()
    {
        using var shop = _shop.Client();
        using var payments = _payments.Client();
        var sku = $"PART-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await new Shop(shop, shop).CreateProductAsync(sku, 500m, stock: 10);
        _orders = await StartOrdersAsync(TimeSpan.FromMinutes(10));
        using var orders = _orders.Client();
        var buyer = await Buyer.SignUpAsync(shop, orders, payments);
        var other = await Buyer.SignUpAsync(shop, orders, payments);
        // 3 × 500 and 100 shipping: VAT 15% of 1,600 = 240, total 1,840.
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 3));
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        HttpRequestMessage CancelLines(Buyer who, int quantity) =>
            who.Request(HttpMethod.Post, $"/api/orders/{order.Id}/cancel/lines", new { lines = new[] { new { sku, quantity } } }, Guid.NewGuid().ToString());
        HttpRequestMessage AsAdmin(string path, object? body = null) => Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/{path}", body, Tokens.Admin());
        async Task<List<CreditNoteView>> NotesAsync(int count) => await Eventually.Until(async () =>
        {
            using var r = await payments.SendAsync(buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{order.Id}/credit-notes"));
            await Shop.Expect(r, HttpStatusCode.OK);
            return (await r.Content.ReadFromJsonAsync<List<CreditNoteView>>(Buyer.Json))!;
        }, notes => notes.Count == count, $"{count} credit notes");

        using (var tooMany = await orders.SendAsync(CancelLines(buyer, 4)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains("lines[0].quantity", await tooMany.Content.ReadAsStringAsync());
        }
        using (var theirs = await orders.SendAsync(CancelLines(other, 1))) Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);

        // One unit cancelled: Orders (its process) has Products (the shop's) put it back; Payments (its own) refunds 575 and writes the credit note.
        using (var cancel = await orders.SendAsync(CancelLines(buyer, 1))) await Shop.Expect(cancel, HttpStatusCode.OK);
        var stock = await Eventually.Until(() => StockAsync(shop, sku), s => s.OnHand == 8, "the cancelled unit back on the shelf");
        Assert.Equal("cancelled_before_shipping", stock.Movements[0].Reason);
        var first = Assert.Single(await NotesAsync(1));
        Assert.Equal((500m, 75m, 575m), (first.NetEtb, first.VatEtb, first.TotalEtb));
        using (var theirs = await payments.SendAsync(other.Request(HttpMethod.Get, $"/api/payments/credit-notes/{first.Number}")))
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);

        // The other two ship and arrive; one comes back: requested, approved, received and restocked, refunded 500 with 75 VAT.
        foreach (var (path, body) in new (string, object?)[] { ("processing", null), ("shipment", new { carrier = "Ethio Post", trackingNumber = "EP-7788" }), ("delivery", null) })
            using (var r = await orders.SendAsync(AsAdmin(path, body))) await Shop.Expect(r, HttpStatusCode.OK);
        Guid returnId;
        using (var asked = await orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/returns",
                   new { lines = new[] { new { sku, quantity = 1 } }, reason = "Too many" })))
        {
            await Shop.Expect(asked, HttpStatusCode.Created);
            returnId = (await asked.Content.ReadFromJsonAsync<AddisPay.Orders.Domain.ReturnView>(Buyer.Json))!.Id;
        }
        using (var r = await orders.SendAsync(AsAdmin($"returns/{returnId}/approve"))) await Shop.Expect(r, HttpStatusCode.OK);
        using (var r = await orders.SendAsync(AsAdmin($"returns/{returnId}/receipt", new { lines = new[] { new { sku, outcome = "restock" } } })))
            await Shop.Expect(r, HttpStatusCode.OK);
        var second = (await NotesAsync(2))[1];
        Assert.Equal((1, 500m, 75m, 575m, first.ReceiptNumber), (Assert.Single(second.Lines).Quantity, second.NetEtb, second.VatEtb, second.TotalEtb, second.ReceiptNumber));
        var returned = await Eventually.Until(() => StockAsync(shop, sku), s => s.OnHand == 9, "the returned unit back on the shelf");
        Assert.Equal("returned", returned.Movements[0].Reason);
        var refunded = await buyer.OrderReachesAsync(order.Id, "partially_refunded");
        Assert.Equal(1150m, refunded.RefundedEtb);
    }
}
