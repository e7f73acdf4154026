using AddisPay.Cart.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Products.Domain;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>
/// Orders' Contracts for a shop front acting for a signed-in customer (Orders/Shopping): quote, place with an
/// Idempotency-Key, pay, read and cancel. Once with every module in one process (Mediator), once from a storefront
/// process whose every call crosses to Orders' own Host process, which calls Payments, Users, Products and Cart in
/// another (HTTP forwarding). Each story is arranged once per topology (<see cref="Topologies.OnceAsync{T}"/>) and each fact
/// asserts one behaviour of it, in both topologies.
/// </summary>
public sealed class CustomerOrderContractsTests(CustomerOrderContractsTests.Topologies topologies) : IClassFixture<CustomerOrderContractsTests.Topologies>
{
    public const string OneProcess = "one process";
    public const string Split = "split";

    /// <summary>Each topology is started the first time a test asks for it, and kept for the class.</summary>
    public sealed class Topologies : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<string, Topology> _started = new();

        public async Task<Topology> GetAsync(string name)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_started.TryGetValue(name, out var topology))
                    _started[name] = topology = name == Split ? await Topology.SplitAsync() : Topology.OneProcess();
                return topology;
            }
            finally
            {
                _gate.Release();
            }
        }

        private readonly Arrangements _stories = new();

        /// <summary>The story <typeparamref name="T"/> in <paramref name="name"/>, arranged the first time a fact asks for it there.</summary>
        public Task<T> OnceAsync<T>(string name, Func<Topology, Task<T>> arrange) where T : class => _stories.OnceAsync(async () => await arrange(await GetAsync(name)), name);

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var t in _started.Values) await t.DisposeAsync();
        }
    }

    /// <summary>
    /// Where the contracts are sent from (<see cref="Caller"/>), and the HTTP API of the modules the test prepares data
    /// with: <see cref="Shop"/> (users, products, cart) and <see cref="Payments"/> (the sandbox's page).
    /// </summary>
    public sealed class Topology : IAsyncDisposable
    {
        private readonly List<HostProcess> _processes = [];
        public PlatformFactory Caller { get; private init; } = null!;
        public HttpClient Shop { get; private init; } = null!;
        public HttpClient Payments { get; private init; } = null!;

        public static Topology OneProcess()
        {
            var all = new PlatformFactory("all");
            // The sandbox page redirects to the storefront's return address: not followed, as no shop page is asked for here.
            return new Topology
            {
                Caller = all, Shop = all.CreateClient(),
                Payments = all.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            };
        }

        public static async Task<Topology> SplitAsync()
        {
            var db = TestPostgres.CreateDatabase("ordercontracts");
            var shop = await HostProcess.StartAsync("users,products,cart,payments", db);
            var at = shop.BaseAddress.ToString();
            var orders = await HostProcess.StartAsync("orders", db, environment: new Dictionary<string, string>
            {
                ["AddisPay__Endpoints__users"] = at, ["AddisPay__Endpoints__products"] = at, ["AddisPay__Endpoints__cart"] = at,
                ["AddisPay__Endpoints__payments"] = at
            });
            // The storefront runs here, in the test's process, with Orders and every other module elsewhere.
            var storefront = new PlatformFactory("storefront", new Dictionary<string, string?>
            {
                ["AddisPay:Endpoints:orders"] = orders.BaseAddress.ToString(), ["AddisPay:Endpoints:users"] = at, ["AddisPay:Endpoints:products"] = at,
                ["AddisPay:Endpoints:cart"] = at, ["AddisPay:Endpoints:payments"] = at
            }, connectionString: db);
            storefront.CreateClient().Dispose(); // starts it
            var payments = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = shop.BaseAddress };
            var topology = new Topology { Caller = storefront, Shop = shop.Client(), Payments = payments };
            topology._processes.AddRange([shop, orders]);
            return topology;
        }

        public async Task<T> SendAsync<T>(IQuery<T> query)
        {
            await using var scope = Caller.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
        }

        public async Task<T> SendAsync<T>(ICommand<T> command)
        {
            await using var scope = Caller.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
        }

        public async ValueTask DisposeAsync()
        {
            await Caller.DisposeAsync();
            foreach (var p in _processes) await p.DisposeAsync();
        }
    }

    private static CheckoutAddress Address(string region = "Addis Ababa") =>
        new("Almaz Tadesse", "0911223344", region, "Addis Ababa", "Bole", "03", "Near Edna Mall, house 12");

    /// <summary>A verified, signed-in customer (the storefront passes the id) with a cart holding the product.</summary>
    private static async Task<(Guid Customer, string Token, Guid Cart, string Sku)> CustomerWithCartAsync(Topology t, decimal price = 1000m, int quantity = 2,
        int stock = 10)
    {
        var sku = $"CTR-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await new Shop(t.Shop, t.Shop).CreateProductAsync(sku, price, stock);
        var (customer, tokens) = await new Accounts(t.Shop, "").NewCustomerAsync();
        var cart = await t.SendAsync(new StartCart());
        await t.SendAsync(new AddToCart(cart.CartId, null, product.Id, quantity));
        return (customer, tokens.AccessToken, cart.CartId, sku);
    }

    private static async Task PayAtSandboxAsync(Topology t, CheckoutPayment payment)
    {
        var path = new Uri(payment.CheckoutUrl).PathAndQuery;
        using var paid = await t.Payments.PostAsync(path, new FormUrlEncodedContent([new("outcome", "success")]));
        Assert.True(paid.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"The sandbox page answered {(int)paid.StatusCode}");
    }

    private static async Task<StockView> StockAsync(Topology t, string sku)
    {
        using var r = await t.Shop.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<StockView>())!;
    }

    // A customer quotes, places, pays and reads the paid order (2 × 1,000 in Addis Ababa).

    public sealed record Paid(CheckoutQuote Quote, PlacedCustomerOrder Placed, CheckoutPayment Payment, string StateOnceStarted, Guid StartedAgain,
        CustomerOrder? Found, CustomerOrderPage Mine, Exception? PageZero);

    private static async Task<Paid> PayAsync(Topology t)
    {
        var (customer, _, cart, _) = await CustomerWithCartAsync(t);
        var quote = await t.SendAsync(new QuoteCheckout(customer, cart, Region: "addis ababa"));
        var placed = await t.SendAsync(new PlaceCustomerOrder(customer, cart, Guid.NewGuid().ToString(), ShippingAddress: Address()));
        var order = placed.Order;
        var payment = await t.SendAsync(new PayCustomerOrder(customer, order.OrderId, "sandbox", $"/checkout/return/{order.Number}"));
        var state = (await t.SendAsync(new GetCustomerOrder(customer, order.OrderId)))!.Payment.State;
        var again = (await t.SendAsync(new PayCustomerOrder(customer, order.OrderId, "sandbox", $"/checkout/return/{order.Number}"))).PaymentId;
        await PayAtSandboxAsync(t, payment);
        var found = await Eventually.Until(() => t.SendAsync(new FindCustomerOrder(customer, order.Number.ToLowerInvariant())),
            o => o?.Payment.State == OrderPaymentState.Paid, "the order to be paid");
        var mine = await t.SendAsync(new GetCustomerOrders(customer, 1, 10));
        return new(quote, placed, payment, state, again, found, mine, await Record.ExceptionAsync(() => t.SendAsync(new GetCustomerOrders(customer, 0, 10))));
    }

    private Task<Paid> PaidAsync(string topology) => topologies.OnceAsync(topology, PayAsync);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_quote_prices_the_cart_with_shipping_and_vat_in_the_region_asked_for(string topology)
    {
        var quote = (await PaidAsync(topology)).Quote;

        // 2 × 1000 + 100 shipping in Addis Ababa, 15% VAT on both.
        Assert.Equal(("Addis Ababa", 2000m, 100m, 315m, 2415m), (quote.Region, quote.Amounts.SubtotalEtb, quote.Amounts.ShippingEtb, quote.Amounts.VatEtb, quote.Amounts.TotalEtb));
        Assert.Equal(0.15m, quote.VatRate);
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_placed_order_waits_for_payment_of_its_total_with_the_phone_in_plus_251_form(string topology)
    {
        var placed = (await PaidAsync(topology)).Placed;

        Assert.False(placed.Replayed);
        Assert.Equal(("pending_payment", 2415m, "+251911223344"), (placed.Order.Status, placed.Order.Amounts.TotalEtb, placed.Order.ShippingAddress.Phone));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_placed_order_has_no_payment_yet_and_can_be_paid_or_cancelled(string topology)
    {
        var order = (await PaidAsync(topology)).Placed.Order;

        Assert.Equal((OrderPaymentState.None, true, true), (order.Payment.State, order.CanPay, order.CanCancel));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_payment_is_started_for_the_orders_total(string topology)
    {
        var paid = await PaidAsync(topology);

        Assert.Equal((paid.Placed.Order.OrderId, 2415m, "pending"), (paid.Payment.OrderId, paid.Payment.AmountEtb, paid.Payment.Status));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_started_payment_shows_on_the_order_as_pending(string topology) =>
        Assert.Equal(OrderPaymentState.Pending, (await PaidAsync(topology)).StateOnceStarted);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task Starting_to_pay_again_while_the_attempt_is_open_hands_out_the_same_one(string topology)
    {
        var paid = await PaidAsync(topology);

        Assert.Equal(paid.Payment.PaymentId, paid.StartedAgain); // retry-safe
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_paid_order_found_by_its_number_in_any_case_is_paid_by_its_gateway_and_can_not_be_paid_again(string topology)
    {
        var found = (await PaidAsync(topology)).Found!;

        Assert.Equal(("paid", "sandbox", false), (found.Status, found.Payment.Gateway, found.CanPay));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_paid_order_carries_its_receipts_number(string topology) =>
        Assert.StartsWith("INV-", (await PaidAsync(topology)).Found!.Payment.ReceiptNumber);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_paid_orders_timeline_is_placed_then_paid(string topology) =>
        Assert.Equal(["pending_payment", "paid"], (await PaidAsync(topology)).Found!.Timeline.Select(s => s.Status));

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_customers_orders_list_the_paid_order_with_its_units(string topology)
    {
        var paid = await PaidAsync(topology);

        var mine = paid.Mine;
        Assert.Equal((paid.Placed.Order.OrderId, "paid", 2, 1), (Assert.Single(mine.Items).OrderId, mine.Items[0].Status, mine.Items[0].Items, mine.Total));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_page_of_a_customers_orders_below_the_first_is_refused(string topology) =>
        Assert.IsType<ValidationFailedException>((await PaidAsync(topology)).PageZero);

    // One order placed twice under one Idempotency-Key, then another order under it, then one without a key.

    public sealed record Keyed(PlacedCustomerOrder First, PlacedCustomerOrder Again, Exception? Reused, int Orders, int Reserved, Exception? WithoutKey);

    private static async Task<Keyed> PlaceTwiceAsync(Topology t)
    {
        var (customer, _, cart, sku) = await CustomerWithCartAsync(t, quantity: 1);
        var place = new PlaceCustomerOrder(customer, cart, Guid.NewGuid().ToString(), ShippingAddress: Address());
        var first = await t.SendAsync(place);
        var again = await t.SendAsync(place);
        var reused = await Record.ExceptionAsync(() => t.SendAsync(place with { ShippingAddress = Address("Oromia") }));
        var orders = (await t.SendAsync(new GetCustomerOrders(customer))).Total;
        var reserved = (await StockAsync(t, sku)).Reserved;
        return new(first, again, reused, orders, reserved, await Record.ExceptionAsync(() => t.SendAsync(place with { IdempotencyKey = " ", ShippingAddress = null })));
    }

    private Task<Keyed> KeyedAsync(string topology) => topologies.OnceAsync(topology, PlaceTwiceAsync);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task Placing_again_with_the_same_key_returns_the_same_order(string topology)
    {
        var keyed = await KeyedAsync(topology);

        Assert.True(keyed.Again.Replayed);
        Assert.Equal((keyed.First.Order.OrderId, keyed.First.Order.Number), (keyed.Again.Order.OrderId, keyed.Again.Order.Number));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task Another_order_under_a_key_already_used_is_refused(string topology) =>
        Assert.IsType<IdempotencyKeyReusedException>((await KeyedAsync(topology)).Reused);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task An_order_placed_twice_under_one_key_is_one_order_holding_its_unit_once(string topology)
    {
        var keyed = await KeyedAsync(topology);

        Assert.Equal((1, 1), (keyed.Orders, keyed.Reserved));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task An_order_without_an_idempotency_key_is_refused_naming_it(string topology) =>
        Assert.Contains("idempotencyKey", Assert.IsType<ValidationFailedException>((await KeyedAsync(topology)).WithoutKey).Errors.Keys);

    // Another customer tries to read, find, list, cancel and pay an unpaid order; then its owner cancels it, twice.

    public sealed record Stranger(CustomerOrder? Read, CustomerOrder? Found, int Listed, Exception? Cancel, Exception? Pay, string OwnersView,
        CustomerOrder Cancelled, CustomerOrder CancelledAgain);

    private static async Task<Stranger> TryAsStrangerAsync(Topology t)
    {
        var (owner, _, cart, _) = await CustomerWithCartAsync(t, quantity: 1);
        var order = (await t.SendAsync(new PlaceCustomerOrder(owner, cart, Guid.NewGuid().ToString(), ShippingAddress: Address()))).Order;
        var (stranger, _) = await new Accounts(t.Shop, "").NewCustomerAsync();
        var read = await t.SendAsync(new GetCustomerOrder(stranger, order.OrderId));
        var found = await t.SendAsync(new FindCustomerOrder(stranger, order.Number));
        var listed = (await t.SendAsync(new GetCustomerOrders(stranger))).Total;
        var cancel = await Record.ExceptionAsync(() => t.SendAsync(new CancelCustomerOrder(stranger, order.OrderId)));
        var pay = await Record.ExceptionAsync(() => t.SendAsync(new PayCustomerOrder(stranger, order.OrderId, "sandbox")));
        var ownersView = (await t.SendAsync(new GetCustomerOrder(owner, order.OrderId)))!.Status;
        var cancelled = await t.SendAsync(new CancelCustomerOrder(owner, order.OrderId));
        return new(read, found, listed, cancel, pay, ownersView, cancelled, await t.SendAsync(new CancelCustomerOrder(owner, order.OrderId)));
    }

    private Task<Stranger> StrangerAsync(string topology) => topologies.OnceAsync(topology, TryAsStrangerAsync);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task Another_customer_can_not_read_find_or_list_the_order(string topology)
    {
        var stranger = await StrangerAsync(topology);

        Assert.Null(stranger.Read);
        Assert.Null(stranger.Found);
        Assert.Equal(0, stranger.Listed);
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task Another_customer_cancelling_or_paying_the_order_finds_none(string topology)
    {
        var stranger = await StrangerAsync(topology);

        Assert.IsType<NotFoundException>(stranger.Cancel);
        Assert.IsType<NotFoundException>(stranger.Pay);
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task An_order_another_customer_tried_stays_waiting_for_payment(string topology) =>
        Assert.Equal("pending_payment", (await StrangerAsync(topology)).OwnersView);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_customer_cancels_their_unpaid_order(string topology)
    {
        var cancelled = (await StrangerAsync(topology)).Cancelled;

        Assert.Equal(("cancelled", "customer", false), (cancelled.Status, cancelled.CancellationReason, cancelled.CanCancel));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_retried_cancellation_is_not_a_refusal(string topology) =>
        Assert.Equal("cancelled", (await StrangerAsync(topology)).CancelledAgain.Status);

    // A paid order of 3 × 300 (10 in stock) its customer cancels before it ships.

    public sealed record PaidCancelled(Guid Customer, CustomerOrder Order, StockView WhenPaid, CustomerOrder Cancelled, StockView Restocked);

    private static async Task<PaidCancelled> CancelPaidAsync(Topology t)
    {
        var (customer, _, cart, sku) = await CustomerWithCartAsync(t, price: 300m, quantity: 3, stock: 10);
        var order = (await t.SendAsync(new PlaceCustomerOrder(customer, cart, Guid.NewGuid().ToString(), ShippingAddress: Address()))).Order;
        await PayAtSandboxAsync(t, await t.SendAsync(new PayCustomerOrder(customer, order.OrderId, "sandbox")));
        await Eventually.Until(() => t.SendAsync(new GetCustomerOrder(customer, order.OrderId)), o => o?.Status == "paid", "the order to be paid");
        var whenPaid = await StockAsync(t, sku);
        var cancelled = await t.SendAsync(new CancelCustomerOrder(customer, order.OrderId));
        var restocked = await Eventually.Until(() => StockAsync(t, sku), s => s.OnHand == 10, "the sold units to be back on the shelf");
        return new(customer, order, whenPaid, cancelled, restocked);
    }

    private Task<PaidCancelled> PaidCancelledAsync(string topology) => topologies.OnceAsync(topology, CancelPaidAsync);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_paid_orders_units_are_sold(string topology)
    {
        var stock = (await PaidCancelledAsync(topology)).WhenPaid;

        Assert.Equal((7, 0), (stock.OnHand, stock.Reserved));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_customer_cancels_their_paid_order_before_it_ships(string topology) =>
        Assert.Equal("cancelled", (await PaidCancelledAsync(topology)).Cancelled.Status);

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_paid_order_cancelled_before_it_ships_puts_its_units_back_on_the_shelf(string topology)
    {
        var stock = (await PaidCancelledAsync(topology)).Restocked;

        Assert.Equal((10, 0, 10), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task The_stock_ledger_says_the_units_came_back_as_the_order_was_cancelled_before_shipping(string topology)
    {
        var story = await PaidCancelledAsync(topology);

        var returned = Assert.Single(story.Restocked.Movements, m => m.Reason == "cancelled_before_shipping");
        Assert.Equal((3, 0), (returned.OnHandDelta, returned.ReservedDelta));
        Assert.Contains($"Order {story.Order.Number} cancelled before shipping", returned.Note);
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_paid_order_cancelled_before_it_ships_is_refunded_through_the_gateway(string topology)
    {
        var story = await PaidCancelledAsync(topology);
        var t = await topologies.GetAsync(topology);

        await Eventually.Until(() => t.SendAsync(new GetCustomerOrder(story.Customer, story.Order.OrderId)), o => o?.RefundedEtb == story.Order.Amounts.TotalEtb,
            "the refund of the cancelled order");
    }
}
