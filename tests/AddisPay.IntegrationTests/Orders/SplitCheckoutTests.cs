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
/// stays held. Each story (a checkout with a SIGKILL mid-saga, a backlog of payments, units cancelled and returned) is run
/// once for the class by the first fact that asks for it, with an Orders process of its own, and each fact asserts one
/// behaviour of what it recorded.
/// </summary>
[Collection(nameof(Topologies.SplitProcessTests))]
public sealed class SplitCheckoutTests(SplitCheckoutTests.ShopAndPayments pods, ITestOutputHelper output)
    : IClassFixture<SplitCheckoutTests.ShopAndPayments>, IAsyncLifetime
{
    private readonly string _db = pods.Database;
    private readonly HostProcess _shop = pods.Shop;
    private readonly HostProcess _payments = pods.Payments;
    private OrdersPod? _orders;

    /// <summary>
    /// The shop and Payments processes, started once for the class; Orders, the process the stories kill, is each story's
    /// own (<see cref="OrdersPod"/>). Each story sells a product of its own to customers of its own.
    /// </summary>
    public sealed class ShopAndPayments : IAsyncLifetime
    {
        public string Database { get; } = TestPostgres.CreateDatabase("splitcheckout");
        public HostProcess Shop { get; private set; } = null!;
        public HostProcess Payments { get; private set; } = null!;

        /// <summary>The stories, each run once for the class.</summary>
        public Arrangements Stories { get; } = new();

        /// <summary>The tails of the output of the Orders processes the stories ran (why an order got stuck).</summary>
        public System.Collections.Concurrent.ConcurrentQueue<string> OrdersOutput { get; } = new();

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

    /// <summary>
    /// Orders in its own process, on one port for its restarts. Each story picks the payment window: one that ends inside the
    /// story where expiry is part of it, a long one where it isn't (a loaded CI machine takes seconds per customer).
    /// </summary>
    private sealed class OrdersPod(ShopAndPayments pods) : IAsyncDisposable
    {
        private readonly int _port = HostProcess.FreePort();

        public HostProcess Process { get; private set; } = null!;

        public async Task<HostProcess> StartAsync(TimeSpan paymentWindow) => Process = await HostProcess.StartAsync("orders", pods.Database, _port, new Dictionary<string, string>
        {
            ["AddisPay__Endpoints__users"] = pods.Shop.BaseAddress.ToString(),
            ["AddisPay__Endpoints__products"] = pods.Shop.BaseAddress.ToString(),
            ["AddisPay__Endpoints__cart"] = pods.Shop.BaseAddress.ToString(),
            ["AddisPay__Endpoints__payments"] = pods.Payments.BaseAddress.ToString(),
            ["AddisPay__Orders__PaymentWindow"] = paymentWindow.ToString("c"),
            ["AddisPay__Orders__SweepInterval"] = "00:00:01",
        });

        public async ValueTask DisposeAsync()
        {
            if (Process is null) return;
            pods.OrdersOutput.Enqueue(Tail(Process));
            await Process.DisposeAsync();
        }
    }

    /// <summary>A story run once for the class with an Orders process of its own, stopped once the story has recorded what it saw.</summary>
    private Task<T> StoryAsync<T>(Func<OrdersPod, HttpClient, HttpClient, Task<T>> story) where T : class => pods.Stories.OnceAsync(async () =>
    {
        await using var orders = new OrdersPod(pods);
        using var shop = _shop.Client();
        using var payments = _payments.Client();
        return await story(orders, shop, payments);
    });

    private static string Tail(HostProcess host) =>
        $"--- {host.Modules} process output, request logs left out (tail) ---\n" +
        string.Join('\n', host.Output.Split('\n').Where(l => !l.Contains("RequestLoggingMiddleware")).TakeLast(40));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // What the processes said beyond serving requests (warnings, retries, dead letters): why an order got stuck.
        foreach (var orders in pods.OrdersOutput) output.WriteLine(orders);
        foreach (var host in new[] { _orders?.Process, _payments, _shop }.OfType<HostProcess>()) output.WriteLine(Tail(host));
        if (_orders is not null) await _orders.DisposeAsync();
    }

    private static async Task<StockView> StockAsync(HttpClient shop, string sku)
    {
        using var r = await shop.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<StockView>())!;
    }

    // A checkout across three processes, then Orders killed with SIGKILL after two more customers ordered (one paying while it is down).

    /// <summary>
    /// A product of 10 units. First the whole flow across three processes: an order of 2 asked to pay with a return address
    /// off the storefront, then paid (the stock and the customer's cart after). Then two orders, of 1 (its payment started)
    /// and of 3 (never paid), the stock they hold; Orders killed, the first paid while it is down, the second's 15-second
    /// window left to close; Orders started again: both orders then, and the stock once nothing is held.
    /// </summary>
    private sealed record KilledMidSaga(HttpStatusCode OffSite, string OffSiteBody, StockView Sold, CartView CartAfterOrder, int HeldBeforeKill,
        OrderView PaidWhileDown, OrderView NeverPaid, StockView Settled);

    private Task<KilledMidSaga> KilledMidSagaAsync() => StoryAsync(async (pod, shop, payments) =>
    {
        var sku = $"SPLIT-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await new Shop(shop, shop).CreateProductAsync(sku, 800m, stock: 10);
        var window = TimeSpan.FromSeconds(15);
        await pod.StartAsync(window);

        // 1. The whole flow across three processes.
        HttpStatusCode offSite;
        string offSiteBody;
        StockView sold;
        CartView cartAfter;
        using (var orders = pod.Process.Client())
        {
            var buyer = await Buyer.SignUpAsync(shop, orders, payments);
            var cartId = await buyer.FillCartAsync(product.Id, 2);
            var order = await buyer.OrderAsync(cartId);
            using (var refused = await orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "sandbox", returnUrl = "https://evil.example/" })))
                (offSite, offSiteBody) = (refused.StatusCode, await refused.Content.ReadAsStringAsync());
            var session = await buyer.PayAsync(order.Id);
            using (var paid = await buyer.OnSandboxPageAsync(session, "success")) await Shop.Expect(paid, HttpStatusCode.OK);
            await buyer.OrderReachesAsync(order.Id, "paid");
            sold = await StockAsync(shop, sku);
            cartAfter = await Eventually.Until(async () =>
            {
                using var mine = await shop.SendAsync(buyer.Request(HttpMethod.Get, "/api/cart/mine"));
                return (await mine.Content.ReadFromJsonAsync<CartView>())!;
            }, c => c.Lines.Count == 0, "the ordered lines to leave the cart");
        }

        // 2. Orders dies after the customer started paying; the payment succeeds while it is down.
        Guid paidWhileDown;
        OrderView neverPaid;
        Buyer first, second;
        int held;
        using (var orders = pod.Process.Client())
        {
            first = await Buyer.SignUpAsync(shop, orders, payments);
            paidWhileDown = (await first.OrderAsync(await first.FillCartAsync(product.Id, 1))).Id;
            var session = await first.PayAsync(paidWhileDown);
            second = await Buyer.SignUpAsync(shop, orders, payments);
            neverPaid = await second.OrderAsync(await second.FillCartAsync(product.Id, 3));
            held = (await StockAsync(shop, sku)).Reserved;

            pod.Process.Kill();
            using var paid = await first.OnSandboxPageAsync(session, "success");
            await Shop.Expect(paid, HttpStatusCode.OK);
        }
        // The unpaid order's window closes while Orders is down (the paid one's closed too, but its payment was in time).
        var untilDue = neverPaid.PaymentDueBy - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (untilDue > TimeSpan.Zero) await Task.Delay(untilDue);

        await pod.StartAsync(window);
        OrderView paidAfter, abandoned;
        using (var orders = pod.Process.Client())
        {
            paidAfter = await new Buyer(shop, orders, payments, first.Id, first.Token).OrderReachesAsync(paidWhileDown, "paid");
            abandoned = await new Buyer(shop, orders, payments, second.Id, second.Token).OrderReachesAsync(neverPaid.Id, "cancelled");
        }
        var settled = await Eventually.Until(() => StockAsync(shop, sku), s => s.Reserved == 0, "no stock left on hold");
        return new KilledMidSaga(offSite, offSiteBody, sold, cartAfter, held, paidAfter, abandoned, settled);
    });

    [Fact]
    public async Task A_payment_return_address_off_the_storefront_refused_by_payments_reaches_the_orders_caller_as_a_400_on_returnUrl()
    {
        var story = await KilledMidSagaAsync();
        Assert.Equal(HttpStatusCode.BadRequest, story.OffSite);
        Assert.Contains("returnUrl", story.OffSiteBody);
    }

    [Fact]
    public async Task An_order_paid_across_three_processes_sells_its_units()
    {
        var sold = (await KilledMidSagaAsync()).Sold;
        Assert.Equal((8, 0), (sold.OnHand, sold.Reserved));
    }

    [Fact]
    public async Task An_order_placed_across_processes_empties_the_cart_it_came_from() =>
        Assert.Empty((await KilledMidSagaAsync()).CartAfterOrder.Lines);

    [Fact]
    public async Task Orders_placed_across_processes_hold_their_units_until_paid_or_cancelled() =>
        Assert.Equal(4, (await KilledMidSagaAsync()).HeldBeforeKill);

    [Fact]
    public async Task An_order_paid_while_orders_was_killed_is_paid_once_orders_is_back() =>
        Assert.Equal("paid", (await KilledMidSagaAsync()).PaidWhileDown.Status);

    [Fact]
    public async Task An_order_whose_payment_window_closed_while_orders_was_killed_is_cancelled_for_payment_timeout()
    {
        var abandoned = (await KilledMidSagaAsync()).NeverPaid;
        Assert.Equal("cancelled", abandoned.Status);
        Assert.Equal("payment_timeout", abandoned.CancellationReason);
    }

    [Fact]
    public async Task After_the_sigkill_no_stock_stays_held_and_only_the_paid_units_are_sold()
    {
        var stock = (await KilledMidSagaAsync()).Settled;
        Assert.Equal((7, 0, 7), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task A_customer_whose_payment_start_was_cut_off_across_processes_gets_the_same_attempt_on_trying_again_and_pays_it()
    {
        using var shop = _shop.Client();
        using var payments = _payments.Client();
        var product = await new Shop(shop, shop).CreateProductAsync($"CUT-{Guid.NewGuid():N}"[..16].ToUpperInvariant(), 180m, stock: 3);
        _orders = new OrdersPod(pods);
        using var orders = (await _orders.StartAsync(TimeSpan.FromMinutes(10))).Client();
        var buyer = await Buyer.SignUpAsync(shop, orders, payments);
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 1));
        await Scenarios.CutOffPaymentStartScenario.RunAsync(buyer, order.Id, _db);
    }

    // A backlog of payments made while Orders was down.

    /// <summary>
    /// Eight customers each ordering 2 of a product of 50 and starting to pay; Orders killed, all eight paid while it is down;
    /// Orders started again and every order reaching "paid": the stock once nothing is held, the orders paid in the database,
    /// and how many transactions Orders' inbox settled the eight payments in.
    /// </summary>
    private sealed record Backlog(StockView Stock, long PaidOrders, long Transactions);

    private Task<Backlog> BacklogAsync() => StoryAsync(async (pod, shop, payments) =>
    {
        var sku = $"LANE-{Guid.NewGuid():N}"[..15].ToUpperInvariant();
        var product = await new Shop(shop, shop).CreateProductAsync(sku, 300m, stock: 50);
        // No order may expire here: the story is about the backlog, and eight customers can take well over 8 s on CI.
        var window = TimeSpan.FromMinutes(10);
        await pod.StartAsync(window);

        var started = new List<(Buyer Buyer, Guid Order, PaymentSession Session)>();
        using (var orders = pod.Process.Client())
        {
            for (var i = 0; i < 8; i++)
            {
                var buyer = await Buyer.SignUpAsync(shop, orders, payments);
                var order = await buyer.OrderAsync(await buyer.FillCartAsync(product.Id, 2));
                started.Add((buyer, order.Id, await buyer.PayAsync(order.Id)));
            }
        }
        // Orders is down while all eight are paid: their PaymentSucceeded events wait in the log for it.
        pod.Process.Kill();
        foreach (var (buyer, _, session) in started)
        {
            using var paid = await buyer.OnSandboxPageAsync(session, "success");
            await Shop.Expect(paid, HttpStatusCode.OK);
        }

        await pod.StartAsync(window);
        using (var orders = pod.Process.Client())
            foreach (var (buyer, order, _) in started)
                await new Buyer(shop, orders, payments, buyer.Id, buyer.Token).OrderReachesAsync(order, "paid");

        var stock = await Eventually.Until(() => StockAsync(shop, sku), s => s.Reserved == 0, "every reservation committed");
        await using var conn = new Npgsql.NpgsqlConnection(_db);
        await conn.OpenAsync();
        var orderIds = started.Select(s => s.Order).ToArray();
        async Task<long> CountAsync(string sql)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("ids", orderIds);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        return new Backlog(stock,
            await CountAsync("""select count(*) from orders.orders where "Id" = any(@ids) and "Status" = 'Paid'"""),
            await CountAsync("""
                select count(distinct i.xmin::text) from orders.inbox i join events.mt_events e on e.seq_id = i.sequence
                 where i.event_type = 'payments.payment_succeeded' and e.stream_id = any(@ids)
                """));
    });

    [Fact]
    public async Task Orders_catches_up_on_a_backlog_of_payments_made_while_it_was_down_every_order_paid() =>
        Assert.Equal(8L, (await BacklogAsync()).PaidOrders);

    [Fact]
    public async Task A_backlog_of_payments_commits_every_reservation_once()
    {
        var stock = (await BacklogAsync()).Stock;
        Assert.Equal((34, 0), (stock.OnHand, stock.Reserved));
    }

    [Fact]
    public async Task Orders_settles_a_backlog_of_payments_in_concurrent_lanes_not_as_one_ordered_run() =>
        // The backlog was handled in several transactions at once (one per lane), not as one ordered run.
        Assert.InRange((await BacklogAsync()).Transactions, 2, 8);

    // Units cancelled before shipping and units returned after delivery, across processes.

    /// <summary>
    /// A paid order of 3 × 500 ETB and 100 shipping (VAT 15% of 1,600 = 240, total 1,840): 4 units asked to be cancelled,
    /// 1 by another customer, then 1 by its customer (the stock and the credit notes after; another customer reading the
    /// note); the other two shipped and delivered, one returned, approved and received for restock: the credit notes, the
    /// stock and the order after.
    /// </summary>
    private sealed record CancelledAndReturned(HttpStatusCode TooMany, string TooManyBody, HttpStatusCode OthersCancel, StockView AfterCancel,
        CreditNoteView CancelNote, HttpStatusCode OthersNoteRead, CreditNoteView ReturnNote, StockView AfterReturn, OrderView Refunded);

    private Task<CancelledAndReturned> CancelledAndReturnedAsync() => StoryAsync(async (pod, shop, payments) =>
    {
        var sku = $"PART-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await new Shop(shop, shop).CreateProductAsync(sku, 500m, stock: 10);
        using var orders = (await pod.StartAsync(TimeSpan.FromMinutes(10))).Client();
        var buyer = await Buyer.SignUpAsync(shop, orders, payments);
        var other = await Buyer.SignUpAsync(shop, orders, payments);
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

        HttpStatusCode tooMany, othersCancel, othersRead;
        string tooManyBody;
        using (var r = await orders.SendAsync(CancelLines(buyer, 4))) (tooMany, tooManyBody) = (r.StatusCode, await r.Content.ReadAsStringAsync());
        using (var theirs = await orders.SendAsync(CancelLines(other, 1))) othersCancel = theirs.StatusCode;

        // One unit cancelled: Orders (its process) has Products (the shop's) put it back; Payments (its own) refunds 575 and writes the credit note.
        using (var cancel = await orders.SendAsync(CancelLines(buyer, 1))) await Shop.Expect(cancel, HttpStatusCode.OK);
        var afterCancel = await Eventually.Until(() => StockAsync(shop, sku), s => s.OnHand == 8, "the cancelled unit back on the shelf");
        var first = (await NotesAsync(1))[0];
        using (var theirs = await payments.SendAsync(other.Request(HttpMethod.Get, $"/api/payments/credit-notes/{first.Number}"))) othersRead = theirs.StatusCode;

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
        var notes = await NotesAsync(2);
        var returned = await Eventually.Until(() => StockAsync(shop, sku), s => s.OnHand == 9, "the returned unit back on the shelf");
        var refunded = await buyer.OrderReachesAsync(order.Id, "partially_refunded");
        return new CancelledAndReturned(tooMany, tooManyBody, othersCancel, afterCancel, notes[0], othersRead, notes[1], returned, refunded);
    });

    [Fact]
    public async Task Cancelling_more_units_than_were_ordered_is_a_400_on_the_lines_quantity()
    {
        var story = await CancelledAndReturnedAsync();
        Assert.Equal(HttpStatusCode.BadRequest, story.TooMany);
        Assert.Contains("lines[0].quantity", story.TooManyBody);
    }

    [Fact]
    public async Task Another_customer_cancelling_units_of_the_order_gets_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await CancelledAndReturnedAsync()).OthersCancel);

    [Fact]
    public async Task A_unit_cancelled_before_shipping_goes_back_to_stock_across_processes() =>
        Assert.Equal("cancelled_before_shipping", (await CancelledAndReturnedAsync()).AfterCancel.Movements[0].Reason);

    [Fact]
    public async Task A_unit_cancelled_before_shipping_is_refunded_with_one_credit_note_of_its_price_and_VAT()
    {
        var note = (await CancelledAndReturnedAsync()).CancelNote;
        Assert.Equal((500m, 75m, 575m), (note.NetEtb, note.VatEtb, note.TotalEtb));
    }

    [Fact]
    public async Task Another_customer_reading_the_credit_note_gets_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await CancelledAndReturnedAsync()).OthersNoteRead);

    [Fact]
    public async Task A_unit_returned_after_delivery_is_refunded_with_a_second_credit_note_correcting_the_same_receipt()
    {
        var story = await CancelledAndReturnedAsync();
        var note = story.ReturnNote;
        Assert.Equal((1, 500m, 75m, 575m, story.CancelNote.ReceiptNumber), (Assert.Single(note.Lines).Quantity, note.NetEtb, note.VatEtb, note.TotalEtb, note.ReceiptNumber));
    }

    [Fact]
    public async Task A_unit_returned_and_received_for_restock_goes_back_to_stock_across_processes() =>
        Assert.Equal("returned", (await CancelledAndReturnedAsync()).AfterReturn.Movements[0].Reason);

    [Fact]
    public async Task An_order_with_units_cancelled_and_returned_is_partially_refunded_their_total() =>
        Assert.Equal(1150m, (await CancelledAndReturnedAsync()).Refunded.RefundedEtb);
}
