using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>The demo accounts and the orders the back office's tests work on, made through the API as a shop's customers make them.</summary>
public static class BackOfficeOrders
{
    public const string DemoAdmin = "admin@addispay.et";
    public const string DemoCustomer = "customer@addispay.et";
    /// <summary>AddisPay:Users:DemoPassword's default (Users/Demo/DemoAccounts.cs).</summary>
    public const string DemoPassword = "Addis-demo-2026";

    /// <summary>An order of the Yirgacheffe beans the demo customer placed and paid at the sandbox.</summary>
    public static async Task<(Guid Id, string Number)> PaidOrderAsync(StorefrontShop shop)
    {
        using var users = shop.Api("users");
        var tokens = await new Accounts(users, "").SignInAsync(DemoCustomer, DemoPassword);
        using var products = shop.Api("products");
        var customerId = Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.AccessToken).Subject);
        var buyer = new Buyer(shop.Api("cart"), shop.Api("orders"), shop.Api("payments"), customerId, tokens.AccessToken);
        var beans = await products.GetFromJsonAsync<JsonElement>("/api/products/yirgacheffe-coffee-beans");
        var order = await buyer.OrderAsync(await buyer.FillCartAsync(beans.GetProperty("id").GetGuid()));
        using (var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), "success")) await Shop.Expect(paid, HttpStatusCode.OK);
        await buyer.OrderReachesAsync(order.Id, "paid");
        return (order.Id, order.Number);
    }

    /// <summary>A new verified account that an admin gave the support role.</summary>
    public static async Task<string> SupportAgentAsync(StorefrontShop shop)
    {
        using var users = shop.Api("users");
        var accounts = new Accounts(users, "");
        var email = $"support-{Guid.NewGuid():N}@addispay.test";
        var id = await accounts.RegisterAsync(email);
        using var roles = await users.SendAsync(Shop.Request(HttpMethod.Put, $"/api/users/{id}/roles", new { roles = new[] { "support" } }, Tokens.Admin()));
        await Shop.Expect(roles, HttpStatusCode.OK);
        return email;
    }
}
