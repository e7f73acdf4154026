using System.Diagnostics;
using AddisPay.Cart.Domain;

namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// Who may do what, told the same way whether the modules share a process or not: each client serves the module it is
/// named after (one client for all in one process).
/// </summary>
public sealed class AccessScenarios(HttpClient users, HttpClient products, HttpClient cart, HttpClient orders, string connectionString)
{
    private readonly Accounts _accounts = new(users, connectionString);

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string token) =>
        http.SendAsync(Shop.Request(method, url, token: token));

    /// <summary>
    /// An unverified customer browses and fills a cart, but placing the order is refused with 403 and nothing is written;
    /// once the address is verified, the same access token (still saying "unverified") can order.
    /// </summary>
    public async Task UnverifiedCustomerKeepsACartButOrdersOnlyOnceVerifiedAsync()
    {
        var product = await new Shop(products, cart).CreateProductAsync($"UNV-{Guid.NewGuid():N}"[..14].ToUpperInvariant(), 300m, stock: 5);
        var email = $"{Guid.NewGuid():N}@example.et";
        var id = await _accounts.RegisterUnverifiedAsync(email);
        var session = await _accounts.SignInAsync(email);
        var buyer = new Buyer(cart, orders, orders, id, session.AccessToken);
        var cartId = await buyer.FillCartAsync(product.Id, 2);

        using (var refused = await buyer.PlaceOrderAsync(cartId))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
            Assert.StartsWith("Confirm your email address before placing an order", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(connectionString, $"select count(*) from orders.orders where \"CustomerId\" = '{id}'"));
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(connectionString, $"select count(*) from orders.idempotency_keys where \"CustomerId\" = '{id}'"));
        using (var kept = await cart.SendAsync(buyer.Request(HttpMethod.Get, "/api/cart/mine")))
            Assert.Equal(2, (await kept.Content.ReadFromJsonAsync<CartView>())!.Lines.Single().Quantity); // the cart is kept

        await _accounts.VerifyEmailAsync(email);
        using var placed = await buyer.PlaceOrderAsync(cartId);
        await Shop.Expect(placed, HttpStatusCode.Created);
    }

    /// <summary>
    /// An admin locks a signed-in customer: their access token, still unexpired, is refused by Orders and Cart within a
    /// few seconds, while another customer's token keeps working. Returns how long the old token was still honoured.
    /// </summary>
    public async Task<TimeSpan> LockedCustomersTokenIsRefusedWithinSecondsAsync()
    {
        var (id, session) = await _accounts.NewCustomerAsync();
        var (_, other) = await _accounts.NewCustomerAsync();
        foreach (var token in new[] { session.AccessToken, other.AccessToken })
        {
            using (var list = await SendAsync(orders, HttpMethod.Get, "/api/orders", token)) await Shop.Expect(list, HttpStatusCode.OK);
            using (var mine = await SendAsync(cart, HttpMethod.Get, "/api/cart/mine", token)) await Shop.Expect(mine, HttpStatusCode.OK);
        }

        using (var lockIt = await users.SendAsync(Shop.Request(HttpMethod.Post, $"/api/users/{id}/lock", token: Tokens.Admin())))
            await Shop.Expect(lockIt, HttpStatusCode.OK);
        var delay = await RefusedAfterAsync(orders, "/api/orders", session.AccessToken);

        using (var mine = await SendAsync(cart, HttpMethod.Get, "/api/cart/mine", session.AccessToken)) Assert.Equal(HttpStatusCode.Unauthorized, mine.StatusCode);
        using (var stillFine = await SendAsync(orders, HttpMethod.Get, "/api/orders", other.AccessToken)) Assert.Equal(HttpStatusCode.OK, stillFine.StatusCode);
        using (var cartStillFine = await SendAsync(cart, HttpMethod.Get, "/api/cart/mine", other.AccessToken)) Assert.Equal(HttpStatusCode.OK, cartStillFine.StatusCode);
        return delay;
    }

    /// <summary>How long after now <paramref name="token"/> is refused (401) at <paramref name="url"/>; fails after 15 s.</summary>
    public static async Task<TimeSpan> RefusedAfterAsync(HttpClient http, string url, string token)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using (var r = await SendAsync(http, HttpMethod.Get, url, token))
            {
                if (r.StatusCode == HttpStatusCode.Unauthorized) return clock.Elapsed;
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(15)) throw new Xunit.Sdk.XunitException($"{url} still honoured the revoked token after {clock.Elapsed}");
            await Task.Delay(20);
        }
    }
}
