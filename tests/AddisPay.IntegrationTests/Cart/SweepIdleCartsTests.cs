using AddisPay.Cart.Domain;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>
/// Idle carts: an idle visitor cart reads as gone at once and a sweeper deletes it, while owned carts last longer. Idle
/// expiries of a second and an hour are settings the other cart tests must not have, so the platforms of this class's own
/// fixture, started in the "Catalogue and cart" collection as the test that held them did before.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class SweepIdleCartsTests(SweepIdleCartsTests.IdleCarts idle) : IClassFixture<SweepIdleCartsTests.IdleCarts>
{
    /// <summary>
    /// Products and Cart with idle expiries of a second (visitors) and an hour (owned) and no sweep: a visitor cart with a
    /// coffee and an owned cart; once the visitor cart reads as gone, its row counted and a coffee added and a quantity
    /// changed (their statuses); then a second pod sweeping every 0.2 s: once it deleted the visitor cart, the owned one read
    /// and counted.
    /// </summary>
    public sealed class IdleCarts : IAsyncLifetime
    {
        private static readonly Dictionary<string, string?> Idle = new()
        {
            ["AddisPay:Cart:IdleExpiry:Anonymous"] = "00:00:01",
            ["AddisPay:Cart:IdleExpiry:Owned"] = "01:00:00",
        };

        private PlatformFactory? _shopFront;
        private PlatformFactory? _sweepingPod;

        public long RowsWhenGone { get; private set; }
        public HttpStatusCode AddWhenGone { get; private set; }
        public HttpStatusCode ChangeWhenGone { get; private set; }
        public long VisitorRowsAfterSweep { get; private set; }
        public Guid OwnedCartId { get; private set; }
        public CartView OwnedAfterSweep { get; private set; } = null!;
        public long OwnedRowsAfterSweep { get; private set; }

        public async Task InitializeAsync()
        {
            _shopFront = new PlatformFactory("products,cart", new(Idle) { ["AddisPay:Cart:SweepInterval"] = "01:00:00" });
            var shop = _shopFront.Shop();
            var coffee = await shop.CreateProductAsync($"IDL-{Guid.NewGuid():N}"[..14], 80m);
            var visitorCart = await shop.CreateCartAsync();
            await ExpectCartAsync(await shop.AddItemAsync(visitorCart.Id, coffee.Id, 1));
            var owner = Tokens.Customer(Guid.NewGuid().ToString());
            var ownedCart = await ExpectCartAsync(await shop.Cart.SendAsync(Shop.Request(HttpMethod.Get, "/api/cart/mine", token: owner)));
            OwnedCartId = ownedCart.Id;

            // Idle past a second: the cart is gone for the customer although no sweep has run yet.
            await Eventually.Until(async () => (await shop.Cart.GetAsync($"/api/cart/{visitorCart.Id}")).StatusCode,
                s => s == HttpStatusCode.NotFound, "the idle visitor cart to expire", TimeSpan.FromSeconds(15));
            RowsWhenGone = await CountCartsAsync(_shopFront.ConnectionString, visitorCart.Id);
            using (var add = await shop.AddItemAsync(visitorCart.Id, coffee.Id, 1)) AddWhenGone = add.StatusCode;
            using (var change = await shop.Cart.SendAsync(Shop.Request(HttpMethod.Put, $"/api/cart/{visitorCart.Id}/items/{coffee.Sku}", new { quantity = 2 })))
                ChangeWhenGone = change.StatusCode;

            // A second pod sweeping often deletes it; the owned cart, idle for less than its hour, stays.
            _sweepingPod = new PlatformFactory("cart", new(Idle) { ["AddisPay:Cart:SweepInterval"] = "00:00:00.200" }, connectionString: _shopFront.ConnectionString);
            _sweepingPod.CreateClient().Dispose(); // starts the host
            VisitorRowsAfterSweep = await Eventually.Until(() => CountCartsAsync(_shopFront.ConnectionString, visitorCart.Id), n => n == 0, "the sweeper to delete the idle cart");
            OwnedAfterSweep = await ExpectCartAsync(await shop.Cart.SendAsync(Shop.Request(HttpMethod.Get, $"/api/cart/{ownedCart.Id}", token: owner)));
            OwnedRowsAfterSweep = await CountCartsAsync(_shopFront.ConnectionString, ownedCart.Id);
        }

        public Task DisposeAsync()
        {
            _sweepingPod?.Dispose();
            _shopFront?.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public void An_idle_visitor_cart_reads_as_gone_before_any_sweep_deletes_it() =>
        Assert.Equal(1, idle.RowsWhenGone);

    [Fact]
    public void An_idle_visitor_cart_is_no_longer_filled() =>
        Assert.Equal(HttpStatusCode.NotFound, idle.AddWhenGone);

    [Fact]
    public void An_idle_visitor_cart_is_no_longer_changed() =>
        Assert.Equal(HttpStatusCode.NotFound, idle.ChangeWhenGone);

    [Fact]
    public void A_sweeping_pod_deletes_an_idle_visitor_cart() =>
        Assert.Equal(0, idle.VisitorRowsAfterSweep);

    [Fact]
    public void An_owned_cart_idle_for_less_than_its_expiry_outlives_the_sweep_of_an_idle_visitor_cart()
    {
        Assert.Equal(idle.OwnedCartId, idle.OwnedAfterSweep.Id);
        Assert.Equal(1, idle.OwnedRowsAfterSweep);
    }
}
