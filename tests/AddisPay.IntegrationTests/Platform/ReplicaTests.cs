using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.IntegrationTests.Notifications;
using AddisPay.IntegrationTests.Storefront;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Products.StockLevels;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Platform;

/// <summary>
/// Two replicas of every process on the checkout path behind nginx (<see cref="ReplicaRouter"/>), as two pods per
/// Deployment behind the Ingress and the Services, while replicas are SIGKILLed and restarted under a checkout load
/// (issue 22, item 1). The modules' own Contracts calls go through the router too. The expensive part, the load with the
/// kills, runs once; the proof that its checks can fail reuses the same platform for one checkout with a guard broken.
/// </summary>
public sealed class ReplicaTests(ReplicaTests.Replicas platform, ITestOutputHelper output) : IClassFixture<ReplicaTests.Replicas>
{
    /// <summary>
    /// The checkout path's modules in three groups, none beside a module it calls or that calls it (the chart's request
    /// graph), so every Contracts call of a checkout crosses the router. Search, reviews, recommendations, the pages: not on
    /// the path, not started (the split shop's journeys run them).
    /// </summary>
    public static readonly string[][] Groups = [["products", "users"], ["cart", "payments", "notifications"], ["orders"]];

    private const string PaidSubjectEn = "Payment received", PaidSubjectAm = "ክፍያ ደርሶናል";

    /// <summary>Six Host processes (three groups, two replicas each) on one database, and the router in front of them.</summary>
    public sealed class Replicas : IAsyncLifetime
    {
        public string Database { get; } = TestPostgres.CreateDatabase("replicas");
        public ReplicaRouter Router { get; private set; } = null!;
        public Smtp4dev Mail { get; private set; } = null!;
        public HostProcess?[][] Processes { get; } = Groups.Select(_ => new HostProcess?[2]).ToArray();
        public int[][] Ports { get; } = Groups.Select(_ => new[] { HostProcess.FreePort(), HostProcess.FreePort() }).ToArray();
        private Dictionary<string, string> _settings = null!;

        public async Task InitializeAsync()
        {
            try
            {
                Mail = await Smtp4dev.InstanceAsync();
                var routerPort = HostProcess.FreePort();
                var router = $"http://127.0.0.1:{routerPort}";
                _settings = new Dictionary<string, string>
                {
                    ["AddisPay__Payments__PublicBaseUrl"] = router,
                    ["AddisPay__Payments__ReturnOrigins__0"] = router,
                    ["AddisPay__Notifications__StorefrontUrl"] = router,
                    ["AddisPay__Notifications__Email__Host"] = "127.0.0.1",
                    ["AddisPay__Notifications__Email__Port"] = Mail.SmtpPort.ToString(),
                    ["AddisPay__Notifications__Email__Security"] = "None",
                    ["AddisPay__Notifications__Email__From"] = "shop@addispay.test",
                    // Production's delivery settings: a message leased by a replica SIGKILLed mid-batch is due again when its lease
                    // runs out (a send's timeout plus the margin, 30 s), well within the wait below, and the surviving replica's
                    // rounds wake for it then; new messages wake them at commit (LISTEN/NOTIFY), not at a poll.
                    ["AddisPay__Notifications__QuietHours__Start"] = "00:00",
                    ["AddisPay__Notifications__QuietHours__End"] = "00:00",
                    // No order may expire here: the test is about kills, and a loaded machine takes seconds per checkout.
                    ["AddisPay__Orders__PaymentWindow"] = "00:10:00",
                    // A cold replica on a busy 2-core machine answers its first calls slowly (see StorefrontShop's settings).
                    ["AddisPay__InternalRequests__AttemptTimeout"] = "00:00:15",
                    ["AddisPay__InternalRequests__CommandTimeout"] = "00:00:30",
                    ["AddisPay__InternalRequests__TotalTimeout"] = "00:01:00",
                };
                foreach (var module in Groups.SelectMany(g => g)) _settings[$"AddisPay__Endpoints__{module}"] = router + "/";
                Router = await ReplicaRouter.StartAsync(routerPort, Groups.Select((g, i) => (g, Ports[i])).ToList());
                // All at once, as a release's pods start: each migrates its schemas under the advisory lock the others wait on.
                await Task.WhenAll(Enumerable.Range(0, Groups.Length).SelectMany(g => new[] { StartAsync(g, 0), StartAsync(g, 1) }));
            }
            catch
            {
                // xunit disposes no fixture whose start failed: the processes started so far would outlive the run.
                await DisposeAsync();
                throw;
            }
        }

        /// <summary>(Re)starts replica <paramref name="replica"/> of group <paramref name="group"/> on its own port, as a pod restarts.</summary>
        public async Task StartAsync(int group, int replica, bool restart = false)
        {
            // A restarted pod does not migrate: the release's migrate Job did, once (a migration at every start waited over a
            // minute here for the advisory lock and the tables the live replicas were using).
            var settings = restart ? new Dictionary<string, string>(_settings) { ["AddisPay__MigrateOnStartup"] = "false" } : _settings;
            if (Processes[group][replica] is { } old) Stopped.Add(old);
            Processes[group][replica] = await HostProcess.StartAsync(string.Join(',', Groups[group]), Database, Ports[group][replica], settings,
                readyWithin: TimeSpan.FromMinutes(3));
        }

        /// <summary>Replicas killed and replaced, disposed with the rest.</summary>
        private List<HostProcess> Stopped { get; } = [];

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = Router.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
            Databases.Remember(client, Database);
            return client;
        }

        public async Task DisposeAsync()
        {
            foreach (var host in Processes.SelectMany(p => p).OfType<HostProcess>().Concat(Stopped)) await host.DisposeAsync();
            if (Router is not null) await Router.DisposeAsync();
        }
    }

    /// <summary>One checkout: the order ids its Idempotency-Key was answered with (one, unless the order's guard is broken).</summary>
    private sealed record Checkout(string Key, List<Guid> Orders);

    private sealed record Customer(Guid Id, string Email, Buyer Buyer, List<Checkout> Checkouts);

    /// <summary>Anything but a success, a 503 with Retry-After or a 409 with Retry-After (the key still in work): a request lost.</summary>
    private readonly ConcurrentQueue<string> _unexpected = new();

    private int _retried;

    /// <summary>
    /// Sends until answered with something other than "try again" (503 or 409 with Retry-After, which it honours), recording
    /// every other failure; a 502 from the router would mean a request lost in a kill.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> request, string what, params HttpStatusCode[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                _unexpected.Enqueue($"{what}: {e.GetType().Name} {e.Message}");
                continue;
            }
            if (expected.Contains(response.StatusCode)) return response;
            var retryAfter = response.Headers.RetryAfter?.Delta;
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict && retryAfter is not null && DateTime.UtcNow < deadline)
            {
                response.Dispose();
                Interlocked.Increment(ref _retried);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(retryAfter.Value.TotalMilliseconds, 1000)));
                continue;
            }
            var body = await response.Content.ReadAsStringAsync();
            _unexpected.Enqueue($"{what}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{what} never succeeded: {(int)response.StatusCode} {body}");
            response.Dispose();
            await Task.Delay(200);
        }
    }

    private async Task<Customer> SignUpAsync(HttpClient http)
    {
        var email = $"replica-{Guid.NewGuid():N}@example.et";
        var (id, tokens) = await new Accounts(http, platform.Database).NewCustomerAsync(email);
        return new Customer(id, email, new Buyer(http, http, http, id, tokens.AccessToken), []);
    }

    /// <summary>
    /// Fills the cart, places the order and sends the same request again with the same Idempotency-Key (a client that never
    /// saw the answer retries it), pays at the sandbox and waits for the order to be paid.
    /// </summary>
    private async Task CheckoutAsync(HttpClient http, Customer customer, Guid productId, int quantity)
    {
        var buyer = customer.Buyer;
        Guid cartId;
        using (var mine = await SendAsync(http, () => buyer.Request(HttpMethod.Get, "/api/cart/mine"), "GET cart", HttpStatusCode.OK))
            cartId = (await mine.Content.ReadFromJsonAsync<AddisPay.Cart.Domain.CartView>())!.Id;
        using (await SendAsync(http, () => buyer.Request(HttpMethod.Post, $"/api/cart/{cartId}/items", new { productId, quantity }), "add to cart", HttpStatusCode.OK)) { }

        var checkout = new Checkout(Guid.NewGuid().ToString(), []);
        lock (customer.Checkouts) customer.Checkouts.Add(checkout);
        HttpRequestMessage Place() => buyer.Request(HttpMethod.Post, "/api/orders", new { cartId, shippingAddress = Buyer.Address() }, checkout.Key);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var placed = await SendAsync(http, Place, "place order", HttpStatusCode.Created, HttpStatusCode.OK);
            var id = (await placed.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!.Id;
            lock (checkout.Orders) if (!checkout.Orders.Contains(id)) checkout.Orders.Add(id);
        }

        var orderId = checkout.Orders[0];
        PaymentSession session;
        using (var started = await SendAsync(http, () => buyer.Request(HttpMethod.Post, $"/api/orders/{orderId}/payments", new { gateway = "sandbox" }, checkout.Key + "-pay"),
                   "start payment", HttpStatusCode.Created, HttpStatusCode.OK))
            session = (await started.Content.ReadFromJsonAsync<PaymentSession>(Buyer.Json))!;
        var page = new Uri(session.CheckoutUrl).PathAndQuery;
        using (await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Get, page), "sandbox page", HttpStatusCode.OK)) { }
        using (await SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, page) { Content = new FormUrlEncodedContent([new("outcome", "success")]) },
                   "pay on the sandbox page", HttpStatusCode.OK)) { }
        await Eventually.Until(async () =>
        {
            using var r = await SendAsync(http, () => buyer.Request(HttpMethod.Get, $"/api/orders/{orderId}"), "GET order", HttpStatusCode.OK);
            return (await r.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!;
        }, o => o.Status == "paid", $"order {orderId} to be paid", TimeSpan.FromSeconds(90));
    }

    /// <summary>
    /// What must hold after checkouts, whatever was killed: one order per checkout (per Idempotency-Key), every order a 2xx
    /// named exists and is paid, one successful payment, one receipt and one confirmation email (as smtp4dev received it)
    /// per order, and the product's stock its initial count minus what was sold, nothing left on hold.
    /// </summary>
    private async Task<List<string>> ViolationsAsync(HttpClient http, IReadOnlyList<Customer> customers, string sku, int initialStock)
    {
        var violations = new List<string>();
        await using var conn = new NpgsqlConnection(platform.Database);
        await conn.OpenAsync();
        async Task<long> CountAsync(string sql, Guid id)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("id", id);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }

        var sold = 0;
        var paidOrders = new List<(Customer Customer, OrderView Order)>();
        foreach (var customer in customers)
        {
            foreach (var checkout in customer.Checkouts.Where(c => c.Orders.Count != 1))
                violations.Add($"checkout {checkout.Key} of {customer.Email} was answered with {checkout.Orders.Count} orders");
            var placed = await CountAsync("""select count(*) from orders.orders where "CustomerId" = @id""", customer.Id);
            if (placed != customer.Checkouts.Count)
                violations.Add($"{customer.Email} has {placed} orders for {customer.Checkouts.Count} checkouts");
            foreach (var orderId in customer.Checkouts.SelectMany(c => c.Orders).Distinct())
            {
                using var r = await http.SendAsync(customer.Buyer.Request(HttpMethod.Get, $"/api/orders/{orderId}"));
                if (r.StatusCode != HttpStatusCode.OK)
                {
                    violations.Add($"order {orderId}, answered with a 2xx, is {(int)r.StatusCode}");
                    continue;
                }
                var order = (await r.Content.ReadFromJsonAsync<OrderView>(Buyer.Json))!;
                if (order.Status == "paid")
                {
                    sold += order.Lines.Sum(l => l.Quantity);
                    paidOrders.Add((customer, order));
                }
                else if (order.Status != "pending_payment") violations.Add($"order {order.Number} is {order.Status}");
                var payments = await CountAsync("""select count(*) from payments.payments where "OrderId" = @id and "Status" = 'Succeeded'""", orderId);
                if (payments != (order.Status == "paid" ? 1 : 0)) violations.Add($"order {order.Number} ({order.Status}) has {payments} successful payments");
                var receipts = await CountAsync("""select count(*) from payments.invoices where "OrderId" = @id""", orderId);
                if (receipts != (order.Status == "paid" ? 1 : 0)) violations.Add($"order {order.Number} ({order.Status}) has {receipts} receipts");
            }
        }

        // Emails leave from the delivery log a moment after the event: wait for one per paid order, then count them.
        IReadOnlyDictionary<string, IReadOnlyList<ReceivedEmail>> inboxes = new Dictionary<string, IReadOnlyList<ReceivedEmail>>();
        static int PaidEmails(IReadOnlyList<ReceivedEmail> mail, string number) =>
            mail.Count(m => m.Subject.Contains(number) && (m.Subject.Contains(PaidSubjectEn) || m.Subject.Contains(PaidSubjectAm)));
        try
        {
            inboxes = await Eventually.Until(async () =>
            {
                var all = new Dictionary<string, IReadOnlyList<ReceivedEmail>>();
                foreach (var customer in customers) all[customer.Email] = await platform.Mail.MessagesToAsync(customer.Email);
                return (IReadOnlyDictionary<string, IReadOnlyList<ReceivedEmail>>)all;
            }, all => paidOrders.All(p => PaidEmails(all[p.Customer.Email], p.Order.Number) >= 1), "a confirmation email per paid order", TimeSpan.FromSeconds(100));
        }
        catch (TimeoutException)
        {
            foreach (var customer in customers) ((Dictionary<string, IReadOnlyList<ReceivedEmail>>)inboxes)[customer.Email] = await platform.Mail.MessagesToAsync(customer.Email);
        }
        foreach (var (customer, order) in paidOrders)
        {
            var emails = PaidEmails(inboxes[customer.Email], order.Number);
            if (emails != 1) violations.Add($"order {order.Number} was confirmed by {emails} emails; its customer's delivery log: {await DeliveryLogAsync(customer.Email)}");
        }

        var allPaid = paidOrders.Count == customers.Sum(c => c.Checkouts.SelectMany(k => k.Orders).Distinct().Count());
        StockView? stock = null;
        try
        {
            stock = await Eventually.Until(async () =>
            {
                using var r = await http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
                return (await r.Content.ReadFromJsonAsync<StockView>())!;
            }, s => !allPaid || s.Reserved == 0, "every sold unit committed", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            violations.Add(e.Message);
        }
        if (stock is not null && stock.OnHand != initialStock - sold)
            violations.Add($"{sku}: {stock.OnHand} on hand after selling {sold} of {initialStock}");
        return violations;
    }

    /// <summary>What the delivery log holds for a recipient: why an email is missing (not written, leased, failing, dead).</summary>
    private async Task<string> DeliveryLogAsync(string recipient)
    {
        await using var conn = new NpgsqlConnection(platform.Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            select string_agg(concat_ws(' ', "Template", "Subject", "Status", "Attempts", "NextAttemptAt", "LastError"), ' | ' order by "CreatedAt")
              from notifications.messages where "Recipient" = @to
            """, conn);
        cmd.Parameters.AddWithValue("to", recipient);
        return await cmd.ExecuteScalarAsync() as string ?? "(nothing)";
    }

    [Fact]
    public async Task Checkouts_on_two_replicas_per_module_lose_and_double_nothing_while_replicas_are_sigkilled_and_restarted()
    {
        Assert.Empty(StorefrontShop.CallsWithinAProcess(Groups));
        var clock = Stopwatch.StartNew();
        using var http = platform.Client();
        var sku = $"REPL-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        const int initialStock = 500;
        var product = await new Shop(http, http).CreateProductAsync(sku, 250m, initialStock);
        var customers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SignUpAsync(http)));
        output.WriteLine($"platform ready, {customers.Length} customers signed up at {clock.Elapsed.TotalSeconds:0.0} s");

        // Buyers check out one order after another, a second apart (the suite's CPU is the budget, not the rate), until the
        // killed replicas are back; then each finishes the checkout it is in.
        using var killsOver = new CancellationTokenSource();
        var buyers = customers.Select((customer, i) => Task.Run(async () =>
        {
            var round = 0;
            do
            {
                await CheckoutAsync(http, customer, product.Id, 1 + (i + round++) % 2);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            while (!killsOver.IsCancellationRequested || round < 2);
        })).ToList();

        // Three SIGKILLs ~6 s apart, one in every group (so never both replicas of a group down), each replica restarted a
        // second after its death while the load goes on.
        var random = new Random();
        var restarts = new List<Task>();
        try
        {
            foreach (var group in Enumerable.Range(0, Groups.Length).OrderBy(_ => random.Next()))
            {
                await Task.Delay(TimeSpan.FromSeconds(6));
                if (buyers.Any(b => b.IsFaulted)) break;
                var replica = random.Next(2);
                var victim = platform.Processes[group][replica]!;
                victim.Kill();
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: SIGKILL {victim.Modules} replica {replica} (pid {victim.Pid})");
                restarts.Add(Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await platform.StartAsync(group, replica, restart: true);
                    output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {victim.Modules} replica {replica} ready again");
                }));
            }
            await Task.WhenAll(restarts);
        }
        finally
        {
            await killsOver.CancelAsync();
        }
        await Task.WhenAll(buyers);
        output.WriteLine($"{customers.Sum(c => c.Checkouts.Count)} checkouts done at {clock.Elapsed.TotalSeconds:0.0} s; {_retried} answers were 503 or 409 with Retry-After and sent again");

        var violations = await ViolationsAsync(http, customers, sku, initialStock);
        output.WriteLine($"checked at {clock.Elapsed.TotalSeconds:0.0} s; answers other than success or 503/409 with Retry-After: {_unexpected.Count}");
        foreach (var u in _unexpected) output.WriteLine("  " + u);
        if (violations.Count > 0 || !_unexpected.IsEmpty) output.WriteLine("router log (tail):\n" + string.Join('\n', platform.Router.Log.Split('\n').TakeLast(30)));
        Assert.Empty(violations);
        Assert.Empty(_unexpected);
        Assert.InRange(customers.Sum(c => c.Checkouts.Count), 8, 1000);
    }

    /// <summary>
    /// The router's guard broken (no next replica, no 503 for a replica gone under a request): with one replica of a group
    /// down, requests that the guarded router answers from the other replica come back as 502 and the load's check of
    /// answers records them. A port nobody listens on stands in for the SIGKILLed replica, so no process is killed here.
    /// </summary>
    [Fact]
    public async Task The_replica_check_of_answers_fails_when_the_router_no_longer_routes_around_a_dead_replica()
    {
        using var http = platform.Client();
        var sku = $"GUARD-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await new Shop(http, http).CreateProductAsync(sku, 250m, 20);
        var down = HostProcess.FreePort();
        var live = platform.Ports[0][0];
        async Task<int> UnexpectedAnswersAsync(bool guarded)
        {
            await using var router = await ReplicaRouter.StartAsync(HostProcess.FreePort(), [(Groups[0], [live, down])], guarded);
            using var client = new HttpClient { BaseAddress = router.BaseAddress };
            var before = _unexpected.Count;
            // Round robin: of four requests at least one is sent to the replica that is down.
            for (var i = 0; i < 4; i++)
                using (await SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"/api/products/{product.Id}"), "GET product", HttpStatusCode.OK)) { }
            return _unexpected.Count - before;
        }

        Assert.Equal(0, await UnexpectedAnswersAsync(guarded: true));
        Assert.InRange(await UnexpectedAnswersAsync(guarded: false), 1, 4);
        Assert.Contains(_unexpected, u => u.StartsWith("GET product: 502"));
    }
}
