using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AddisPay.Cart.Data;
using AddisPay.Cart.Domain;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Contracts;
using AddisPay.Products;
using AddisPay.Products.Domain;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>
/// A cart from filling to emptying: quantities checked against stock, lines removed, notices dismissed,
/// idle carts expiring, and an order placed from the cart taking exactly its items out.
/// </summary>
[Collection(CatalogueAndCartPlatform.Collection)]
public sealed class CartLifecycleTests(CatalogueAndCartPlatform platform)
{
    private readonly Shop _shop = platform.Factory.Shop();

    private Task<ProductView> ProductAsync(string prefix, decimal priceEtb, int stock = 50) =>
        _shop.CreateProductAsync($"{prefix}-{Guid.NewGuid():N}"[..16], priceEtb, stock);

    private async Task<CartView> FilledCartAsync(params (ProductView Product, int Quantity)[] lines)
    {
        var cart = await _shop.CreateCartAsync();
        foreach (var (product, quantity) in lines)
            using (var added = await _shop.AddItemAsync(cart.Id, product.Id, quantity)) await Shop.Expect(added, HttpStatusCode.OK);
        return await _shop.GetCartAsync(cart.Id);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? token = null) =>
        _shop.Cart.SendAsync(Shop.Request(method, url, body, token));

    private async Task<CartView> ExpectCartAsync(HttpResponseMessage response)
    {
        using (response)
        {
            await Shop.Expect(response, HttpStatusCode.OK);
            return (await response.Content.ReadFromJsonAsync<CartView>())!;
        }
    }

    [Fact]
    public async Task Changing_a_quantity_is_checked_against_stock_and_zero_removes_the_line()
    {
        var coffee = await ProductAsync("QTY-A", 250m, stock: 5);
        var honey = await ProductAsync("QTY-B", 400m);
        var cart = await FilledCartAsync((coffee, 2), (honey, 1));

        var raised = await ExpectCartAsync(await SendAsync(HttpMethod.Put, $"/api/cart/{cart.Id}/items/{coffee.Sku}", new { quantity = 5 }));
        Assert.Equal(5, raised.Lines.Single(l => l.Sku == coffee.Sku).Quantity);
        Assert.Equal(250m * 5 + 400m, raised.SubtotalEtb);
        Assert.Equal(247.50m, raised.VatEtb); // 15% of 1,650 ETB
        Assert.Equal(1897.50m, raised.TotalEtb);

        using (var beyondStock = await SendAsync(HttpMethod.Put, $"/api/cart/{cart.Id}/items/{coffee.Sku}", new { quantity = 6 }))
            await Shop.Expect(beyondStock, HttpStatusCode.Conflict);
        Assert.Equal(5, (await _shop.GetCartAsync(cart.Id)).Lines.Single(l => l.Sku == coffee.Sku).Quantity);

        var lowered = await ExpectCartAsync(await SendAsync(HttpMethod.Put, $"/api/cart/{cart.Id}/items/{coffee.Sku}", new { quantity = 1 }));
        Assert.Equal(1, lowered.Lines.Single(l => l.Sku == coffee.Sku).Quantity);

        var removed = await ExpectCartAsync(await SendAsync(HttpMethod.Put, $"/api/cart/{cart.Id}/items/{coffee.Sku}", new { quantity = 0 }));
        Assert.Equal(honey.Sku, Assert.Single(removed.Lines).Sku);
        Assert.Equal(400m, removed.SubtotalEtb);

        using (var notInCart = await SendAsync(HttpMethod.Put, $"/api/cart/{cart.Id}/items/{coffee.Sku}", new { quantity = 1 }))
            await Shop.Expect(notInCart, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Simultaneous_changes_to_one_cart_lose_no_update_and_never_fail_with_a_500()
    {
        var coffee = await ProductAsync("CNC-A", 50m);
        var cart = await FilledCartAsync((coffee, 1));
        var quantities = Enumerable.Range(2, 8).ToArray();
        var responses = await Task.WhenAll(quantities.Select(q => SendAsync(HttpMethod.Put, $"/api/cart/{cart.Id}/items/{coffee.Sku}", new { quantity = q })));
        var applied = new List<int>();
        foreach (var (response, quantity) in responses.Zip(quantities))
            using (response)
            {
                // A writer that read the cart before another one saved is told to retry, not silently overwritten.
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"quantity {quantity}: {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.OK) applied.Add(quantity);
            }
        Assert.NotEmpty(applied);
        Assert.Contains(Assert.Single((await _shop.GetCartAsync(cart.Id)).Lines).Quantity, applied);
    }

    [Fact]
    public async Task A_line_is_removed_and_the_cart_cleared_but_kept()
    {
        var coffee = await ProductAsync("RMV-A", 300m);
        var honey = await ProductAsync("RMV-B", 900m);
        var tea = await ProductAsync("RMV-C", 120m);
        var cart = await FilledCartAsync((coffee, 2), (honey, 1), (tea, 3));

        var afterRemove = await ExpectCartAsync(await SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/items/{honey.Sku}"));
        Assert.Equal([coffee.Sku, tea.Sku], afterRemove.Lines.Select(l => l.Sku).ToArray());
        Assert.Equal(300m * 2 + 120m * 3, afterRemove.SubtotalEtb);
        Assert.Equal(144m, afterRemove.VatEtb);
        using (var again = await SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/items/{honey.Sku}"))
            await Shop.Expect(again, HttpStatusCode.NotFound);

        var cleared = await ExpectCartAsync(await SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/items"));
        Assert.Empty(cleared.Lines);
        Assert.Equal(0m, cleared.TotalEtb);
        var reread = await _shop.GetCartAsync(cart.Id); // the id (the visitor's token) still works
        Assert.Empty(reread.Lines);
        var refilled = await ExpectCartAsync(await _shop.AddItemAsync(cart.Id, tea.Id, 1));
        Assert.Equal(tea.Sku, Assert.Single(refilled.Lines).Sku);
    }

    [Fact]
    public async Task Notices_the_customer_has_seen_are_dismissed_and_newer_ones_stay()
    {
        var coffee = await ProductAsync("NTC-A", 100m);
        var cart = await FilledCartAsync((coffee, 1));
        await _shop.ChangePriceAsync(coffee.Id, 110m);
        var shown = await Eventually.Until(() => _shop.GetCartAsync(cart.Id), c => c.Notices.Count == 1, "the first price notice");
        await _shop.ChangePriceAsync(coffee.Id, 120m); // arrives after the page showing the first notice was drawn
        var both = await Eventually.Until(() => _shop.GetCartAsync(cart.Id), c => c.Notices.Count == 2, "the second price notice");

        var seen = shown.Notices[0].EventId;
        var afterSeen = await ExpectCartAsync(await SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/notices?eventId={seen}"));
        var left = Assert.Single(afterSeen.Notices);
        Assert.Equal(both.Notices[1].EventId, left.EventId);
        Assert.Equal(120m, left.NewPriceEtb);

        var none = await ExpectCartAsync(await SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/notices"));
        Assert.Empty(none.Notices);
        Assert.Empty((await _shop.GetCartAsync(cart.Id)).Notices);
        Assert.Equal(120m, Assert.Single(none.Lines).UnitPriceEtb); // the price itself stays the new one
    }

    [Fact]
    public async Task Nobody_but_the_owner_changes_an_owned_cart()
    {
        var owner = Tokens.Customer(Guid.NewGuid().ToString());
        var other = Tokens.Customer(Guid.NewGuid().ToString());
        var coffee = await ProductAsync("OWN-A", 75m);
        var mine = await ExpectCartAsync(await SendAsync(HttpMethod.Get, "/api/cart/mine", token: owner));
        await ExpectCartAsync(await SendAsync(HttpMethod.Post, $"/api/cart/{mine.Id}/items", new { productId = coffee.Id, quantity = 2 }, owner));

        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Put, $"/api/cart/{mine.Id}/items/{coffee.Sku}", new { quantity = 1 }),
            (HttpMethod.Delete, $"/api/cart/{mine.Id}/items/{coffee.Sku}", null),
            (HttpMethod.Delete, $"/api/cart/{mine.Id}/items", null),
            (HttpMethod.Delete, $"/api/cart/{mine.Id}/notices", null),
        };
        foreach (var (method, url, body) in attempts)
        foreach (var token in new[] { other, null })
        {
            using var response = await SendAsync(method, url, body, token);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} as {(token is null ? "visitor" : "another customer")}: {(int)response.StatusCode}");
        }
        var untouched = await ExpectCartAsync(await SendAsync(HttpMethod.Get, $"/api/cart/{mine.Id}", token: owner));
        Assert.Equal(2, Assert.Single(untouched.Lines).Quantity);

        var changed = await ExpectCartAsync(await SendAsync(HttpMethod.Put, $"/api/cart/{mine.Id}/items/{coffee.Sku}", new { quantity = 3 }, owner));
        Assert.Equal(3, Assert.Single(changed.Lines).Quantity);
        Assert.Empty((await ExpectCartAsync(await SendAsync(HttpMethod.Delete, $"/api/cart/{mine.Id}/items", token: owner))).Lines);
    }

    [Fact]
    public async Task Invalid_input_is_a_400_with_field_errors_and_changes_nothing()
    {
        var coffee = await ProductAsync("BAD-A", 60m);
        var cart = await FilledCartAsync((coffee, 2));
        var url = $"/api/cart/{cart.Id}/items/{coffee.Sku}";

        foreach (var body in new object[] { new { quantity = -1 }, new { quantity = 100 }, new { } })
        {
            using var response = await SendAsync(HttpMethod.Put, url, body);
            await Shop.Expect(response, HttpStatusCode.BadRequest);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _), $"{JsonSerializer.Serialize(body)}: {problem}");
        }
        using (var malformed = await _shop.Cart.PutAsync(url, new StringContent("{\"quantity\": \"two\"", Encoding.UTF8, "application/json")))
        {
            await Shop.Expect(malformed, HttpStatusCode.BadRequest);
            Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        }
        using (var badEventId = await SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/notices?eventId=not-a-guid"))
            await Shop.Expect(badEventId, HttpStatusCode.BadRequest);

        var after = await _shop.GetCartAsync(cart.Id);
        Assert.Equal(2, Assert.Single(after.Lines).Quantity);
        Assert.Equal(cart.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task An_order_placed_from_the_cart_takes_out_exactly_what_it_bought_once()
    {
        var coffee = await ProductAsync("ORD-A", 300m);
        var honey = await ProductAsync("ORD-B", 900m);
        var tea = await ProductAsync("ORD-C", 120m);
        var cart = await FilledCartAsync((coffee, 3), (honey, 1));
        var customer = Guid.NewGuid();
        var placed = OrderPlacedFrom(cart.Id, customer, (coffee, 2), (honey, 1));
        // Added after the order was placed, before Cart heard of it: not part of the order, so it stays.
        await ExpectCartAsync(await _shop.AddItemAsync(cart.Id, tea.Id, 1));

        await PublishAsync(placed);
        var emptied = await Eventually.Until(() => _shop.GetCartAsync(cart.Id), c => c.Lines.All(l => l.Sku != honey.Sku), "the ordered items to leave the cart");
        Assert.Equal([(coffee.Sku, 1), (tea.Sku, 1)], emptied.Lines.Select(l => (l.Sku, l.Quantity)).ToArray());
        Assert.Equal(300m + 120m, emptied.SubtotalEtb);

        // The same event delivered again, then a later order from another cart: once that one is applied,
        // the inbox has passed the redelivery, which must have changed nothing.
        var other = await FilledCartAsync((tea, 2));
        await PublishAsync(placed, OrderPlacedFrom(other.Id, customer, (tea, 2)));
        await Eventually.Until(() => _shop.GetCartAsync(other.Id), c => c.Lines.Count == 0, "the later order to empty the other cart");
        var afterRedelivery = await _shop.GetCartAsync(cart.Id);
        Assert.Equal([(coffee.Sku, 1), (tea.Sku, 1)], afterRedelivery.Lines.Select(l => (l.Sku, l.Quantity)).ToArray());
        Assert.Equal(emptied.UpdatedAt, afterRedelivery.UpdatedAt);
    }

    [Fact]
    public async Task An_idle_cart_reads_as_gone_at_once_and_the_sweeper_deletes_it_while_owned_carts_last_longer()
    {
        var idle = new Dictionary<string, string?>
        {
            ["AddisPay:Cart:IdleExpiry:Anonymous"] = "00:00:01",
            ["AddisPay:Cart:IdleExpiry:Owned"] = "01:00:00",
        };
        using var shopFront = new PlatformFactory("products,cart", new(idle) { ["AddisPay:Cart:SweepInterval"] = "01:00:00" });
        var shop = shopFront.Shop();
        var coffee = await shop.CreateProductAsync($"IDL-{Guid.NewGuid():N}"[..14], 80m);
        var visitorCart = await shop.CreateCartAsync();
        await ExpectCartAsync(await shop.AddItemAsync(visitorCart.Id, coffee.Id, 1));
        var owner = Tokens.Customer(Guid.NewGuid().ToString());
        var ownedCart = await ExpectCartAsync(await shop.Cart.SendAsync(Shop.Request(HttpMethod.Get, "/api/cart/mine", token: owner)));

        // Idle past a second: the cart is gone for the customer although no sweep has run yet.
        await Eventually.Until(async () => (await shop.Cart.GetAsync($"/api/cart/{visitorCart.Id}")).StatusCode,
            s => s == HttpStatusCode.NotFound, "the idle visitor cart to expire", TimeSpan.FromSeconds(15));
        Assert.Equal(1, await CountCartsAsync(shopFront.ConnectionString, visitorCart.Id));
        using (var add = await shop.AddItemAsync(visitorCart.Id, coffee.Id, 1)) await Shop.Expect(add, HttpStatusCode.NotFound);
        using (var change = await shop.Cart.SendAsync(Shop.Request(HttpMethod.Put, $"/api/cart/{visitorCart.Id}/items/{coffee.Sku}", new { quantity = 2 })))
            await Shop.Expect(change, HttpStatusCode.NotFound);

        // A second pod sweeping often deletes it; the owned cart, idle for less than its hour, stays.
        using var sweepingPod = new PlatformFactory("cart", new(idle) { ["AddisPay:Cart:SweepInterval"] = "00:00:00.200" },
            connectionString: shopFront.ConnectionString);
        sweepingPod.CreateClient().Dispose(); // starts the host
        await Eventually.Until(() => CountCartsAsync(shopFront.ConnectionString, visitorCart.Id), n => n == 0, "the sweeper to delete the idle cart");
        var stillThere = await ExpectCartAsync(await shop.Cart.SendAsync(Shop.Request(HttpMethod.Get, $"/api/cart/{ownedCart.Id}", token: owner)));
        Assert.Equal(ownedCart.Id, stillThere.Id);
        Assert.Equal(1, await CountCartsAsync(shopFront.ConnectionString, ownedCart.Id));
    }

    private static OrderPlaced OrderPlacedFrom(Guid cartId, Guid customerId, params (ProductView Product, int Quantity)[] lines)
    {
        var orderLines = lines.Select(l => new OrderLine(l.Product.Id, l.Product.Sku, l.Product.Name, l.Product.NameAm, l.Quantity,
            l.Product.PriceEtb, l.Product.PriceEtb * l.Quantity)).ToList();
        var subtotal = orderLines.Sum(l => l.LineTotalEtb);
        var vat = Math.Round(subtotal * 0.15m, 2);
        return new OrderPlaced(Guid.NewGuid(), $"AP-{Random.Shared.Next(100000, 999999)}", customerId, cartId, orderLines,
            new OrderAmounts(subtotal, 0m, 0m, vat, subtotal + vat), null, DateTimeOffset.UtcNow.AddMinutes(30));
    }

    [Fact]
    public async Task A_customer_change_is_applied_again_when_the_platform_wrote_the_cart_between_its_read_and_its_save()
    {
        var coffee = await ProductAsync("RACE-A", 250m);
        var cart = await FilledCartAsync((coffee, 2));
        var store = platform.Factory.Services.GetRequiredService<ICartStore>();
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<AddisPay.Shared.Events.DocumentWork<ICartStore>>();
        var attempts = 0;

        var changed = await work.ChangeForCustomerAsync(cart.Id, null, Expiry, async c =>
        {
            if (++attempts == 1) await WriteBehindTheCustomersBackAsync(store, cart.Id);
            c.Clear();
        }, CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Empty(changed.Lines);
        Assert.Empty((await _shop.GetCartAsync(cart.Id)).Lines);
    }

    [Fact]
    public async Task A_cart_that_keeps_changing_under_a_customer_change_is_refused_with_409_and_keeps_its_lines()
    {
        var coffee = await ProductAsync("RACE-B", 250m);
        var cart = await FilledCartAsync((coffee, 2));
        var store = platform.Factory.Services.GetRequiredService<ICartStore>();
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<AddisPay.Shared.Events.DocumentWork<ICartStore>>();
        var attempts = 0;

        var refused = await Assert.ThrowsAsync<ConflictException>(() => work.ChangeForCustomerAsync(cart.Id, null,
            Expiry, async c =>
            {
                attempts++;
                await WriteBehindTheCustomersBackAsync(store, cart.Id);
                c.Clear();
            }, CancellationToken.None));

        Assert.Equal(CartAccess.Attempts, attempts);
        Assert.Equal("cart.changed", refused.Reason?.Code);
        Assert.Equal(2, Assert.Single((await _shop.GetCartAsync(cart.Id)).Lines).Quantity);
    }

    /// <summary>A write the platform makes (TrackAvailability's notices): the cart saved again, its version moved on.</summary>
    private static async Task WriteBehindTheCustomersBackAsync(ICartStore store, Guid cartId)
    {
        await using var session = store.LightweightSession();
        session.Update((await session.LoadAsync<AddisPay.Cart.Domain.Cart>(cartId))!);
        await session.SaveChangesAsync();
    }

    private AddisPay.Cart.Domain.CartExpiry Expiry => platform.Factory.Services.GetRequiredService<AddisPay.Cart.Domain.CartExpiry>();

    /// <summary>Publishes as Orders will: appended to the platform's event log inside a committed transaction.</summary>
    private async Task PublishAsync(params IntegrationEvent[] events)
    {
        var log = platform.Factory.Services.GetRequiredService<EventLog>();
        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await log.PublishAsync(tx, events, CancellationToken.None);
        await tx.CommitAsync();
    }

    private static Task<long> CountCartsAsync(string connectionString, Guid cartId) =>
        Scenarios.PriceChangeScenario.CountAsync(connectionString, $"select count(*) from cart.mt_doc_cart where id = '{cartId}'");
}
