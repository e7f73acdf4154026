using System.Net;
using System.Net.Http.Json;
using AddisPay.Cart.Contracts;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Contracts;
using AddisPay.Products.Domain;
using AddisPay.Shared.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>
/// Orders' Contracts for a shop front acting for a signed-in customer (Orders/Shopping): quote, place with an
/// Idempotency-Key, pay, read and cancel. Once with every module in one process (Mediator), once from a storefront
/// process whose every call crosses to Orders' own Host process, which calls Payments, Users, Products and Cart in
/// another (HTTP forwarding).
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

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_customer_quotes_places_pays_and_reads_the_paid_order_with_its_timeline_and_receipt(string topology)
    {
        var t = await topologies.GetAsync(topology);
        var (customer, _, cart, _) = await CustomerWithCartAsync(t);

        // 2 × 1000 + 100 shipping in Addis Ababa, 15% VAT on both.
        var quote = await t.SendAsync(new QuoteCheckout(customer, cart, Region: "addis ababa"));
        Assert.Equal(("Addis Ababa", 2000m, 100m, 315m, 2415m), (quote.Region, quote.Amounts.SubtotalEtb, quote.Amounts.ShippingEtb, quote.Amounts.VatEtb, quote.Amounts.TotalEtb));
        Assert.Equal(0.15m, quote.VatRate);

        var placed = await t.SendAsync(new PlaceCustomerOrder(customer, cart, Guid.NewGuid().ToString(), ShippingAddress: Address()));
        Assert.False(placed.Replayed);
        var order = placed.Order;
        Assert.Equal(("pending_payment", 2415m, "+251911223344"), (order.Status, order.Amounts.TotalEtb, order.ShippingAddress.Phone));
        Assert.Equal((OrderPaymentState.None, true, true), (order.Payment.State, order.CanPay, order.CanCancel));

        var payment = await t.SendAsync(new PayCustomerOrder(customer, order.OrderId, "sandbox", $"/checkout/return/{order.Number}"));
        Assert.Equal((order.OrderId, 2415m, "pending"), (payment.OrderId, payment.AmountEtb, payment.Status));
        Assert.Equal(OrderPaymentState.Pending, (await t.SendAsync(new GetCustomerOrder(customer, order.OrderId)))!.Payment.State);
        // Retry-safe: while the attempt is open, starting again hands out the same one.
        Assert.Equal(payment.PaymentId, (await t.SendAsync(new PayCustomerOrder(customer, order.OrderId, "sandbox", $"/checkout/return/{order.Number}"))).PaymentId);

        await PayAtSandboxAsync(t, payment);
        var paid = await Eventually.Until(() => t.SendAsync(new FindCustomerOrder(customer, order.Number.ToLowerInvariant())),
            o => o?.Payment.State == OrderPaymentState.Paid, "the order to be paid");
        Assert.Equal(("paid", "sandbox", false), (paid!.Status, paid.Payment.Gateway, paid.CanPay));
        Assert.StartsWith("INV-", paid.Payment.ReceiptNumber);
        Assert.Equal(["pending_payment", "paid"], paid.Timeline.Select(s => s.Status));

        var mine = await t.SendAsync(new GetCustomerOrders(customer, 1, 10));
        Assert.Equal((order.OrderId, "paid", 2, 1), (Assert.Single(mine.Items).OrderId, mine.Items[0].Status, mine.Items[0].Items, mine.Total));
        await Assert.ThrowsAsync<ValidationFailedException>(() => t.SendAsync(new GetCustomerOrders(customer, 0, 10)));
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task Placing_again_with_the_same_key_returns_the_same_order_and_another_order_under_that_key_is_refused(string topology)
    {
        var t = await topologies.GetAsync(topology);
        var (customer, _, cart, sku) = await CustomerWithCartAsync(t, quantity: 1);
        var key = Guid.NewGuid().ToString();
        var place = new PlaceCustomerOrder(customer, cart, key, ShippingAddress: Address());

        var first = await t.SendAsync(place);
        var again = await t.SendAsync(place);
        Assert.True(again.Replayed);
        Assert.Equal((first.Order.OrderId, first.Order.Number), (again.Order.OrderId, again.Order.Number));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => t.SendAsync(place with { ShippingAddress = Address("Oromia") }));

        Assert.Equal(1, (await t.SendAsync(new GetCustomerOrders(customer))).Total);
        Assert.Equal(1, (await StockAsync(t, sku)).Reserved);
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => t.SendAsync(place with { IdempotencyKey = " ", ShippingAddress = null }));
        Assert.Contains("idempotencyKey", missing.Errors.Keys);
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task Another_customer_can_neither_read_nor_cancel_the_order(string topology)
    {
        var t = await topologies.GetAsync(topology);
        var (owner, _, cart, _) = await CustomerWithCartAsync(t, quantity: 1);
        var order = (await t.SendAsync(new PlaceCustomerOrder(owner, cart, Guid.NewGuid().ToString(), ShippingAddress: Address()))).Order;
        var (stranger, _) = await new Accounts(t.Shop, "").NewCustomerAsync();

        Assert.Null(await t.SendAsync(new GetCustomerOrder(stranger, order.OrderId)));
        Assert.Null(await t.SendAsync(new FindCustomerOrder(stranger, order.Number)));
        Assert.Equal(0, (await t.SendAsync(new GetCustomerOrders(stranger))).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => t.SendAsync(new CancelCustomerOrder(stranger, order.OrderId)));
        await Assert.ThrowsAsync<NotFoundException>(() => t.SendAsync(new PayCustomerOrder(stranger, order.OrderId, "sandbox")));

        Assert.Equal("pending_payment", (await t.SendAsync(new GetCustomerOrder(owner, order.OrderId)))!.Status);
        var cancelled = await t.SendAsync(new CancelCustomerOrder(owner, order.OrderId));
        Assert.Equal(("cancelled", "customer", false), (cancelled.Status, cancelled.CancellationReason, cancelled.CanCancel));
        // A retried cancellation is not a refusal.
        Assert.Equal("cancelled", (await t.SendAsync(new CancelCustomerOrder(owner, order.OrderId))).Status);
    }

    [Theory]
    [InlineData(OneProcess)]
    [InlineData(Split)]
    public async Task A_paid_order_cancelled_before_it_ships_returns_its_units_to_stock_with_the_ledger_saying_why(string topology)
    {
        var t = await topologies.GetAsync(topology);
        var (customer, _, cart, sku) = await CustomerWithCartAsync(t, price: 300m, quantity: 3, stock: 10);
        var order = (await t.SendAsync(new PlaceCustomerOrder(customer, cart, Guid.NewGuid().ToString(), ShippingAddress: Address()))).Order;
        await PayAtSandboxAsync(t, await t.SendAsync(new PayCustomerOrder(customer, order.OrderId, "sandbox")));
        await Eventually.Until(() => t.SendAsync(new GetCustomerOrder(customer, order.OrderId)), o => o?.Status == "paid", "the order to be paid");
        Assert.Equal((7, 0), ((await StockAsync(t, sku)).OnHand, (await StockAsync(t, sku)).Reserved));

        var cancelled = await t.SendAsync(new CancelCustomerOrder(customer, order.OrderId));
        Assert.Equal("cancelled", cancelled.Status);

        var stock = await Eventually.Until(() => StockAsync(t, sku), s => s.OnHand == 10, "the sold units to be back on the shelf");
        Assert.Equal((0, 10), (stock.Reserved, stock.Available));
        var returned = Assert.Single(stock.Movements, m => m.Reason == "cancelled_before_shipping");
        Assert.Equal((3, 0), (returned.OnHandDelta, returned.ReservedDelta));
        Assert.Contains($"Order {order.Number} cancelled before shipping", returned.Note);
        // The cancellation's refund went back through the sandbox.
        await Eventually.Until(() => t.SendAsync(new GetCustomerOrder(customer, order.OrderId)), o => o?.RefundedEtb == order.Amounts.TotalEtb,
            "the refund of the cancelled order");
    }
}
