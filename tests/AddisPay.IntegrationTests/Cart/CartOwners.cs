using AddisPay.Cart.Domain;

namespace AddisPay.IntegrationTests.Cart;

/// <summary>Customers' carts on the platform of every module (<see cref="AllModulesPlatform"/>): accounts, sign-ins, and the arrangements several classes assert on.</summary>
public sealed class CartOwners(PlatformFactory factory)
{
    public CartShop Shop { get; } = new(factory);
    public Accounts Accounts { get; } = new(factory.CreateClient(), factory.ConnectionString);

    public async Task<CartView> MyCartAsync(string token)
    {
        using var r = await Accounts.SendAsync(HttpMethod.Get, "/api/cart/mine", token);
        await Infrastructure.Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<CartView>())!;
    }

    public static Task<long> OwnedCartsAsync(PlatformFactory factory, Guid userId) => CartShop.CountAsync(factory.ConnectionString,
        $"select count(*) from cart.mt_doc_cart where data->>'OwnerId' = '{userId}'");
}

/// <summary>
/// A customer's cart (GET /api/cart/mine) and a product: another customer's and a visitor's reads of it and another
/// customer's and the owner's additions to it (their statuses); then the owner deletes their account (its status) and
/// their cart, once erased, counted. Asserted by GetCartTests, AddItemTests and EraseCartsOfDeletedUserTests.
/// </summary>
public sealed record PrivateCart(HttpStatusCode OtherReads, HttpStatusCode VisitorReads, HttpStatusCode OtherAdds, HttpStatusCode OwnerAdds,
    HttpStatusCode AccountDeleted, long RowsAfterDeletion)
{
    public static Task<PrivateCart> ArrangedAsync(PlatformFactory factory) => CartShop.ArrangedAsync(factory, async shop =>
    {
        var owners = new CartOwners(factory);
        var accounts = owners.Accounts;
        var (_, owner) = await accounts.NewCustomerAsync();
        var (_, other) = await accounts.NewCustomerAsync();
        var cart = await owners.MyCartAsync(owner.AccessToken);
        var product = await shop.Shop.CreateProductAsync($"OWN-{Guid.NewGuid():N}"[..14], 50m);

        async Task<HttpStatusCode> Status(HttpMethod method, string url, string? token, object? body = null)
        {
            using var response = await accounts.SendAsync(method, url, token, body);
            return response.StatusCode;
        }
        var otherReads = await Status(HttpMethod.Get, $"/api/cart/{cart.Id}", other.AccessToken);
        var visitorReads = await Status(HttpMethod.Get, $"/api/cart/{cart.Id}", null);
        var otherAdds = await Status(HttpMethod.Post, $"/api/cart/{cart.Id}/items", other.AccessToken, new { productId = product.Id, quantity = 1 });
        var ownerAdds = await Status(HttpMethod.Post, $"/api/cart/{cart.Id}/items", owner.AccessToken, new { productId = product.Id, quantity = 1 });

        var deleted = await Status(HttpMethod.Delete, "/api/users/me", owner.AccessToken);
        var rows = await Eventually.Until(() => CartShop.CountCartsAsync(factory.ConnectionString, cart.Id), n => n == 0, "the deleted user's cart to be erased");
        return new PrivateCart(otherReads, visitorReads, otherAdds, ownerAdds, deleted, rows);
    });
}
