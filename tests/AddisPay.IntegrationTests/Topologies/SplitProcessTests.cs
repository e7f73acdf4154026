using AddisPay.IntegrationTests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// Scenario (b): Products and Cart in two Host processes on loopback, as two Deployments would run
/// them. Cart's call to Products goes over HTTP; Products' events reach Cart through the shared event
/// log, even when the cart process is SIGKILLed mid-stream and restarted.
/// </summary>
[Collection(nameof(SplitProcessTests))]
public sealed class SplitProcessTests(SplitProcessTests.Pods pods, ITestOutputHelper output) : IClassFixture<SplitProcessTests.Pods>, IDisposable
{
    private readonly string _db = pods.Database;
    private readonly HostProcess _products = pods.Products;
    private readonly HostProcess _cart = pods.Cart;

    /// <summary>
    /// Products and Cart, started once for the tests that leave both running; each test works on products and carts of
    /// its own. The test that kills the cart process and counts every event its inbox handled has processes of its own.
    /// </summary>
    public sealed class Pods : IAsyncLifetime
    {
        public string Database { get; } = TestPostgres.CreateDatabase("split");
        public HostProcess Products { get; private set; } = null!;
        public HostProcess Cart { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            try
            {
                Products = await HostProcess.StartAsync("products", Database);
                Cart = await StartCartAsync(Database, Products, HostProcess.FreePort(), SlowFallbackPoll);
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
            if (Cart is not null) await Cart.DisposeAsync();
            Cart = null!;
            if (Products is not null) await Products.DisposeAsync();
            Products = null!;
        }
    }

    /// <summary>
    /// The shared cart pod looks for new events in the log only once a minute: what reaches its inbox sooner was woken by
    /// the notification of the append's commit (EventLogAppends). A minute, not more: a gap left by a rolled-back append
    /// would hold its inbox until the next look.
    /// </summary>
    private static readonly Dictionary<string, string> SlowFallbackPoll = new()
    {
        ["AddisPay__Events__Polling__QuietInterval"] = "00:01:00",
        ["AddisPay__Events__Polling__BusyInterval"] = "00:01:00",
    };

    private static Task<HostProcess> StartCartAsync(string db, HostProcess products, int port, IReadOnlyDictionary<string, string>? settings = null) =>
        HostProcess.StartAsync("cart", db, port,
            new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["AddisPay__Endpoints__products"] = products.BaseAddress.ToString() });

    public void Dispose()
    {
        output.WriteLine("--- cart process output (tail) ---");
        output.WriteLine(string.Join('\n', _cart.Output.Split('\n').TakeLast(40)));
    }

    private Shop NewShop() => new(_products.Client(), _cart.Client());

    [Fact]
    public async Task Same_scenario_holds_across_processes_and_survives_sigkill_of_the_cart_process()
    {
        // A database and processes of its own: the test counts every event the cart inbox ever handled, and kills Cart.
        var db = TestPostgres.CreateDatabase("split_sigkill");
        await using var products = await HostProcess.StartAsync("products", db);
        var cartPort = HostProcess.FreePort();
        var cart = await StartCartAsync(db, products, cartPort);
        try
        {
            const int changes = 40;
            var killedAt = -1;

            var (cartId, prices) = await PriceChangeScenario.RunAsync(new Shop(products.Client(), cart.Client()), db, changes, async i =>
            {
                if (i == 8)
                {
                    // Kill while Products keeps publishing: the cart inbox is mid-stream.
                    cart.Kill();
                    killedAt = i;
                }
                else if (i == 20)
                {
                    cart = await StartCartAsync(db, products, cartPort);
                }
            });

            Assert.Equal(8, killedAt);
            Assert.Equal(changes, await PriceChangeScenario.CountAsync(db, "select count(*) from cart.inbox"));
            Assert.Equal(0, await PriceChangeScenario.CountAsync(db, "select count(*) from cart.inbox_dead_letters"));

            // Redelivery of everything (as after a crash between handling and saving progress) changes nothing.
            cart.Kill();
            await using (var conn = new NpgsqlConnection(db))
            {
                await conn.OpenAsync();
                await using var rewind = new NpgsqlCommand("delete from events.mt_event_progression where name like 'cart-inbox:%'", conn);
                Assert.True(await rewind.ExecuteNonQueryAsync() > 0, "the cart inbox has a stored position");
            }
            cart = await StartCartAsync(db, products, cartPort);
            await PriceChangeScenario.WaitForInboxToDrainAsync(db);

            PriceChangeScenario.AssertAppliedOnceInOrder(await new Shop(products.Client(), cart.Client()).GetCartAsync(cartId), prices);
            var metrics = await cart.Client().GetStringAsync("/metrics");
            Assert.Contains("addispay_integration_events_handled_total{subscription=\"cart-inbox\",event=\"products.product_price_changed\",outcome=\"duplicate\"}", metrics);
        }
        finally
        {
            output.WriteLine("--- this test's cart process output (tail) ---");
            output.WriteLine(string.Join('\n', cart.Output.Split('\n').TakeLast(40)));
            await cart.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_price_change_committed_in_the_products_pod_wakes_the_cart_pods_inbox_long_before_its_next_poll()
    {
        var shop = NewShop();
        var product = await shop.CreateProductAsync($"WAKE-{Guid.NewGuid():N}"[..16], 40m);

        // Each change is made once the one before was handled, just after the cart pod's daemon last looked: at its
        // minute's poll (SlowFallbackPoll) the second could not be handled within 15 s, woken by the commit it is.
        for (var i = 1; i <= 3; i++)
        {
            await shop.ChangePriceAsync(product.Id, 40m + i);
            await Eventually.Until(() => PriceChangesHandledByCartAsync(product.Id), n => n == i,
                $"price change {i} handled in the cart pod, woken by its commit", TimeSpan.FromSeconds(15));
        }
    }

    private Task<long> PriceChangesHandledByCartAsync(Guid product) => PriceChangeScenario.CountAsync(_db,
        $"select count(*) from cart.inbox i join events.mt_events e on e.id = i.event_id where e.stream_id = '{product}' and e.type = 'products.product_price_changed'");

    [Fact]
    public async Task Cross_process_calls_return_what_in_process_calls_return()
    {
        var shop = NewShop();
        var product = await shop.CreateProductAsync($"SPLIT-{Guid.NewGuid():N}"[..16], 75.50m, stock: 2);
        var cart = await shop.CreateCartAsync();

        using (var ok = await shop.AddItemAsync(cart.Id, product.Id, 2)) await Infrastructure.Shop.Expect(ok, HttpStatusCode.OK);
        var line = Assert.Single((await shop.GetCartAsync(cart.Id)).Lines);
        Assert.Equal(75.50m, line.UnitPriceEtb);
        Assert.Equal(product.Sku, line.Sku);

        // Failures cross the process boundary as the same problem: 404 for an unknown product, 409 for too many.
        using (var unknown = await shop.AddItemAsync(cart.Id, Guid.NewGuid(), 1)) await Infrastructure.Shop.Expect(unknown, HttpStatusCode.NotFound);
        using (var tooMany = await shop.AddItemAsync(cart.Id, product.Id, 1)) await Infrastructure.Shop.Expect(tooMany, HttpStatusCode.Conflict);

        // Each process serves only its own module's API.
        using (var notHere = await _cart.Client().GetAsync("/api/products")) Assert.Equal(HttpStatusCode.NotFound, notHere.StatusCode);
        using (var notThere = await _products.Client().PostAsync("/api/cart", null)) Assert.Equal(HttpStatusCode.NotFound, notThere.StatusCode);
    }

    [Fact]
    public async Task Internal_requests_need_the_cluster_key()
    {
        using var http = _products.Client();
        using var anonymous = await http.PostAsJsonAsync("/internal/products/requests/GetProductOffer", new { productId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/products/requests/GetProductOffer")
        {
            Content = JsonContent.Create(new { productId = Guid.NewGuid() })
        };
        request.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
        using var keyed = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal("null", await keyed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_batched_offer_query_answers_for_each_product_what_the_single_query_answers()
    {
        var shop = NewShop();
        var onSale = await shop.CreateProductAsync($"OFFER-{Guid.NewGuid():N}"[..16], 120m, stock: 7);
        var soldOut = await shop.CreateProductAsync($"OFFER-{Guid.NewGuid():N}"[..16], 80m, stock: 0);
        var archived = await shop.CreateProductAsync($"OFFER-{Guid.NewGuid():N}"[..16], 95m, stock: 3);
        await shop.ArchiveProductAsync(archived.Id);
        object[] wanted =
        [
            new { productId = onSale.Id }, new { productId = onSale.Id, sku = onSale.Sku.ToLowerInvariant() },
            new { productId = onSale.Id, sku = "NO-SUCH-SKU" }, new { productId = soldOut.Id }, new { productId = archived.Id },
            new { productId = Guid.NewGuid() },
        ];

        async Task<string> AskAsync(string request, object body)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, $"/internal/products/requests/{request}") { Content = JsonContent.Create(body) };
            message.Headers.Add("X-AddisPay-Internal-Key", PlatformFactory.InternalKey);
            using var response = await _products.Client().SendAsync(message);
            await Infrastructure.Shop.Expect(response, HttpStatusCode.OK);
            return await response.Content.ReadAsStringAsync();
        }
        var batched = System.Text.Json.JsonDocument.Parse(await AskAsync("GetProductOffers", new { wanted })).RootElement;
        var single = new List<string>();
        foreach (var one in wanted) single.Add(await AskAsync("GetProductOffer", one));

        Assert.Equal(single, batched.EnumerateArray().Select(e => e.GetRawText()).ToList());
        // Not six nulls: a purchasable offer, an unknown SKU, a sold-out and an archived product, a missing one.
        var answers = batched.EnumerateArray().ToList();
        bool? Purchasable(int i) => answers[i].ValueKind == System.Text.Json.JsonValueKind.Null ? null : answers[i].GetProperty("purchasable").GetBoolean();
        Assert.Equal(new bool?[] { true, true, null, false, false, null }, Enumerable.Range(0, answers.Count).Select(Purchasable).ToArray());
        Assert.Equal(7, answers[0].GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task A_cross_process_call_carries_the_callers_identity_and_trace()
    {
        var shop = NewShop();
        var product = await shop.CreateProductAsync($"TRACE-{Guid.NewGuid():N}"[..16], 20m);
        var cart = await shop.CreateCartAsync();
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        var customer = $"customer-{Guid.NewGuid():N}";

        using var request = Infrastructure.Shop.Request(HttpMethod.Post, $"/api/cart/{cart.Id}/items",
            new { productId = product.Id, quantity = 1 }, Tokens.Customer(customer));
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await shop.Cart.SendAsync(request);
        await Infrastructure.Shop.Expect(response, HttpStatusCode.OK);

        // The products pod logged the forwarded request under the caller's trace and user.
        var line = await Eventually.Until(() => Task.FromResult(_products.Output.Split('\n')
                .FirstOrDefault(l => l.Contains("/internal/products/requests/GetProductOffer") && l.Contains(traceId))),
            l => l is not null, "the products pod's log line for the forwarded call");
        Assert.Contains($"\"trace.id\":\"{traceId}\"", line);
        Assert.Contains($"\"user.id\":\"{customer}\"", line);
    }

    [Fact]
    public async Task A_token_issued_by_the_users_pod_is_honoured_by_the_products_pod()
    {
        await using var users = await HostProcess.StartAsync("users", _db);
        var accounts = new Accounts(users.Client(), _db);
        var email = $"{Guid.NewGuid():N}@example.et";
        var id = await accounts.RegisterAsync(email);
        using (var promote = await accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "admin" } }))
            await Infrastructure.Shop.Expect(promote, HttpStatusCode.OK);
        var adminSession = await accounts.SignInAsync(email);
        var (_, customerSession) = await accounts.NewCustomerAsync();

        using var products = _products.Client();
        var body = new { sku = $"POD-{Guid.NewGuid():N}"[..14], name = "Harar coffee", nameAm = "የሐረር ቡና", priceEtb = 700m, stock = 3 };
        using (var asCustomer = await products.SendAsync(Infrastructure.Shop.Request(HttpMethod.Post, "/api/products", body, customerSession.AccessToken)))
            Assert.Equal(HttpStatusCode.Forbidden, asCustomer.StatusCode);
        using (var asAdmin = await products.SendAsync(Infrastructure.Shop.Request(HttpMethod.Post, "/api/products", body, adminSession.AccessToken)))
            Assert.Equal(HttpStatusCode.Created, asAdmin.StatusCode);
    }

    [Fact]
    public async Task The_search_pod_catches_up_on_what_it_missed_while_down()
    {
        var search = await HostProcess.StartAsync("search", _db);
        var shop = NewShop();
        var brand = $"B{Guid.NewGuid():N}"[..12];
        var first = await shop.Products.SendAsync(Infrastructure.Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Gedeo coffee", nameAm = "የጌዴኦ ቡና", brand, sku = $"G-{Guid.NewGuid():N}"[..14], priceEtb = 500m, stock = 5, publish = true }, Tokens.Admin()));
        first.EnsureSuccessStatusCode();
        async Task<long> Indexed(HostProcess pod) =>
            (await pod.Client().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/search?brand={brand}")).GetProperty("total").GetInt64();
        await Eventually.Until(() => Indexed(search), n => n == 1, "the first product in search");

        search.Kill();
        for (var i = 0; i < 5; i++)
            (await shop.Products.SendAsync(Infrastructure.Shop.Request(HttpMethod.Post, "/api/products",
                new { name = $"Guji coffee {i}", nameAm = "የጉጂ ቡና", brand, sku = $"J{i}-{Guid.NewGuid():N}"[..14], priceEtb = 600m + i, stock = 5, publish = true }, Tokens.Admin())))
                .EnsureSuccessStatusCode();

        await using var restarted = await HostProcess.StartAsync("search", _db);
        await Eventually.Until(() => Indexed(restarted), n => n == 6, "search to catch up after its downtime");
        await search.DisposeAsync();
    }

    [Fact]
    public async Task A_dead_letter_parked_in_the_cart_pod_is_listed_and_replayed_once_by_a_pod_without_cart()
    {
        var shop = NewShop();
        var product = await shop.CreateProductAsync($"SPLIT-{Guid.NewGuid():N}"[..16], 60m);
        var cart = await shop.CreateCartAsync();
        (await shop.AddItemAsync(cart.Id, product.Id, 1)).Dispose();
        using var cartPod = _cart.Client();
        async Task BreakRepricingAsync(string[] handlers)
        {
            using var response = await cartPod.SendAsync(Infrastructure.Shop.Request(HttpMethod.Put, "/api/cart/operations/failing-handlers",
                new { handlers }, Tokens.Admin()));
            await Infrastructure.Shop.Expect(response, HttpStatusCode.OK);
        }
        await BreakRepricingAsync(["RepriceCartLines"]);
        Guid eventId;
        try
        {
            await shop.ChangePriceAsync(product.Id, 61m);
            eventId = await Eventually.Until(async () =>
            {
                await using var conn = new NpgsqlConnection(_db);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("select event_id from cart.inbox_dead_letters where payload->>'ProductId' = @p", conn);
                cmd.Parameters.AddWithValue("p", product.Id.ToString());
                return await cmd.ExecuteScalarAsync() is Guid id ? id : Guid.Empty;
            }, id => id != Guid.Empty, "the price change to be dead-lettered in the cart pod");
        }
        finally
        {
            await BreakRepricingAsync([]);
        }

        // The platform's handlers as a pod running only Products has them, told where Cart runs: they forward the
        // requests to the cart pod's internal endpoint, which answers them for its own inbox.
        var outside = new ServiceCollection().AddLogging();
        outside.Configure<AddisPay.Shared.Messaging.InternalApiOptions>(o =>
        {
            o.Key = PlatformFactory.InternalKey;
            o.Endpoints["cart"] = _cart.BaseAddress.ToString();
        });
        AddisPay.Shared.Messaging.RemoteModuleClient.Register(outside);
        await using var provider = outside.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var router = new AddisPay.Shared.Events.ModuleAddressedRouter(
            new AddisPay.Shared.Modules.ModuleSelection(["products"], ["products", "cart"]), scope.ServiceProvider);
        var list = new AddisPay.Shared.Events.ListInboxDeadLettersHandler(router, null!);
        var replay = new AddisPay.Shared.Events.ReplayInboxDeadLetterHandler(router, null!);

        var waiting = await list.Handle(new AddisPay.Shared.Contracts.ListInboxDeadLetters("cart", true, 1, 200), default);
        Assert.Contains(waiting.Items, d => d.EventId == eventId);
        var first = await replay.Handle(new AddisPay.Shared.Contracts.ReplayInboxDeadLetter("cart", eventId, "admin:split"), default);
        var second = await replay.Handle(new AddisPay.Shared.Contracts.ReplayInboxDeadLetter("cart", eventId, "admin:split"), default);

        Assert.Equal((false, true), (first.AlreadyReplayed, second.AlreadyReplayed));
        Assert.Equal([61m], (await shop.GetCartAsync(cart.Id)).Notices.Select(n => n.NewPriceEtb).ToArray());
        Assert.Equal(1, await PriceChangeScenario.CountAsync(_db, $"select count(*) from cart.inbox where event_id = '{eventId}'"));
    }
}
