using System.Text;
using AddisPay.Cart.Domain;
using AddisPay.Products.Domain;
using static AddisPay.IntegrationTests.Cart.CartShop;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>
/// A cart of 2 coffees, sent a quantity of -1, of 100, none, malformed JSON, and a notice dismissal with an event id that
/// is not a guid; the cart before and after all of them. Asserted by ChangeQuantityTests and DismissNoticesTests.
/// </summary>
public sealed record RefusedInput(List<(string Body, HttpStatusCode Status, JsonElement Problem)> OutOfRange, HttpStatusCode MalformedStatus,
    string? MalformedType, HttpStatusCode BadEventId, CartView Before, CartView After)
{
    public static Task<RefusedInput> ArrangedAsync(PlatformFactory factory) => CartShop.ArrangedAsync(factory, async shop =>
    {
        var coffee = await shop.ProductAsync("BAD-A", 60m);
        var cart = await shop.FilledCartAsync((coffee, 2));
        var url = $"/api/cart/{cart.Id}/items/{coffee.Sku}";
        var outOfRange = new List<(string, HttpStatusCode, JsonElement)>();
        foreach (var body in new object[] { new { quantity = -1 }, new { quantity = 100 }, new { } })
        {
            using var response = await shop.SendAsync(HttpMethod.Put, url, body);
            outOfRange.Add((JsonSerializer.Serialize(body), response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>()));
        }
        HttpStatusCode malformedStatus;
        string? malformedType;
        using (var malformed = await shop.Shop.Cart.PutAsync(url, new StringContent("{\"quantity\": \"two\"", Encoding.UTF8, "application/json")))
            (malformedStatus, malformedType) = (malformed.StatusCode, malformed.Content.Headers.ContentType?.MediaType);
        var badEventId = await shop.StatusAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/notices?eventId=not-a-guid");
        return new RefusedInput(outOfRange, malformedStatus, malformedType, badEventId, cart, await shop.Shop.GetCartAsync(cart.Id));
    });
}

/// <summary>
/// A customer's own cart (GET /api/cart/mine) with 2 coffees; another customer and a visitor try to change a quantity,
/// remove the line, clear the cart and dismiss its notices (each answer kept by what was tried); the owner's cart read
/// after; then the owner changes the quantity to 3 and clears the cart. Asserted by ChangeQuantityTests, RemoveItemTests,
/// ClearCartTests and DismissNoticesTests.
/// </summary>
public sealed record OwnedCart(List<(string Tried, string Who, HttpStatusCode Status)> Attempts, CartView Untouched, CartView Changed, CartView Cleared)
{
    public static Task<OwnedCart> ArrangedAsync(PlatformFactory factory) => CartShop.ArrangedAsync(factory, async shop =>
    {
        var owner = Tokens.Customer(Guid.NewGuid().ToString());
        var other = Tokens.Customer(Guid.NewGuid().ToString());
        var coffee = await shop.ProductAsync("OWN-A", 75m);
        var mine = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Get, "/api/cart/mine", token: owner));
        await ExpectCartAsync(await shop.SendAsync(HttpMethod.Post, $"/api/cart/{mine.Id}/items", new { productId = coffee.Id, quantity = 2 }, owner));

        var tries = new (string Tried, HttpMethod Method, string Url, object? Body)[]
        {
            ("change a quantity", HttpMethod.Put, $"/api/cart/{mine.Id}/items/{coffee.Sku}", new { quantity = 1 }),
            ("remove a line", HttpMethod.Delete, $"/api/cart/{mine.Id}/items/{coffee.Sku}", null),
            ("clear the cart", HttpMethod.Delete, $"/api/cart/{mine.Id}/items", null),
            ("dismiss the notices", HttpMethod.Delete, $"/api/cart/{mine.Id}/notices", null),
        };
        var attempts = new List<(string, string, HttpStatusCode)>();
        foreach (var (tried, method, url, body) in tries)
        foreach (var (who, token) in new[] { ("another customer", other), ("a visitor", (string?)null) })
            attempts.Add((tried, who, await shop.StatusAsync(method, url, body, token)));
        var untouched = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Get, $"/api/cart/{mine.Id}", token: owner));

        var changed = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Put, $"/api/cart/{mine.Id}/items/{coffee.Sku}", new { quantity = 3 }, owner));
        var cleared = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Delete, $"/api/cart/{mine.Id}/items", token: owner));
        return new OwnedCart(attempts, untouched, changed, cleared);
    });

    /// <summary>Another customer and a visitor were both answered 404 when they tried <paramref name="tried"/>.</summary>
    public static void AssertRefused(OwnedCart story, string tried)
    {
        var answers = story.Attempts.Where(a => a.Tried == tried).ToList();
        Assert.Equal(2, answers.Count);
        foreach (var (_, who, status) in answers)
            Assert.True(status == HttpStatusCode.NotFound, $"{tried} as {who}: {(int)status}");
    }
}

/// <summary>
/// A cart of 2 coffees (300 ETB), a honey (900 ETB) and 3 teas (120 ETB): the honey's line removed, then removed again
/// (its status); the cart cleared, read again by its id, and a tea added to it. Asserted by RemoveItemTests and ClearCartTests.
/// </summary>
public sealed record RemovedThenCleared(string CoffeeSku, string TeaSku, CartView AfterRemove, HttpStatusCode RemovedAgain, CartView Cleared,
    CartView Reread, CartView Refilled)
{
    public static Task<RemovedThenCleared> ArrangedAsync(PlatformFactory factory) => CartShop.ArrangedAsync(factory, async shop =>
    {
        var coffee = await shop.ProductAsync("RMV-A", 300m);
        var honey = await shop.ProductAsync("RMV-B", 900m);
        var tea = await shop.ProductAsync("RMV-C", 120m);
        var cart = await shop.FilledCartAsync((coffee, 2), (honey, 1), (tea, 3));

        var afterRemove = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/items/{honey.Sku}"));
        var again = await shop.StatusAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/items/{honey.Sku}");
        var cleared = await ExpectCartAsync(await shop.SendAsync(HttpMethod.Delete, $"/api/cart/{cart.Id}/items"));
        var reread = await shop.Shop.GetCartAsync(cart.Id);
        var refilled = await ExpectCartAsync(await shop.Shop.AddItemAsync(cart.Id, tea.Id, 1));
        return new RemovedThenCleared(coffee.Sku, tea.Sku, afterRemove, again, cleared, reread, refilled);
    });
}
