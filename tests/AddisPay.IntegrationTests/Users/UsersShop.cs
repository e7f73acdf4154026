using AddisPay.Users.Domain;

namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// The arrange steps the Users classes share (accounts, addresses, refreshes), and runs arranged once per platform: where
/// several behaviours follow one run (an account from registration to deletion, a password changed then reset), the run
/// sets up, acts in order and records what it saw, and each fact asserts one behaviour of it.
/// </summary>
public static class UsersShop
{
    /// <summary>
    /// What <paramref name="arrange"/> sets up, does and observes, run once on <paramref name="platform"/> for every test that
    /// asks for a <typeparamref name="T"/> (the first one waits for it). A failed run fails every fact that shares it.
    /// </summary>
    public static Task<T> ArrangedAsync<TPlatform, T>(this TPlatform platform, Func<TPlatform, Task<T>> arrange) where TPlatform : class =>
        Arrangements.Of(platform).OnceAsync(() => arrange(platform));

    public static Accounts Accounts(this AllModulesPlatform platform) => new(platform.Factory.CreateClient(), platform.Factory.ConnectionString);

    public static object AddressBody(string label, bool isDefault) => new
    {
        label, recipient = "Abebe Kebede", phone = "0911234567", region = "Addis Ababa", city = "Addis Ababa",
        subCity = "Bole", woreda = "03", details = "Near Edna Mall, house 12", isDefault
    };

    public static async Task<Guid> AddAddressAsync(this Accounts accounts, string token, string label, bool isDefault)
    {
        using var r = await accounts.SendAsync(HttpMethod.Post, "/api/users/me/addresses", token, AddressBody(label, isDefault));
        await Shop.Expect(r, HttpStatusCode.Created);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> ProfileAsync(this Accounts accounts, string token)
    {
        using var r = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", token);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A refresh with <paramref name="refreshToken"/>: its status, and the new pair when it succeeded.</summary>
    public static async Task<(HttpStatusCode Status, TokenPair? Tokens)> RefreshAsync(this Accounts accounts, string refreshToken)
    {
        using var r = await accounts.Http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken });
        return (r.StatusCode, r.IsSuccessStatusCode ? await r.Content.ReadFromJsonAsync<TokenPair>() : null);
    }

    /// <summary>A refresh that must answer <paramref name="expected"/>; the new pair when that is 200.</summary>
    public static async Task<TokenPair?> RefreshAsync(this Accounts accounts, string refreshToken, HttpStatusCode expected)
    {
        using var r = await accounts.Http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken });
        await Shop.Expect(r, expected);
        return expected == HttpStatusCode.OK ? await r.Content.ReadFromJsonAsync<TokenPair>() : null;
    }

    public static byte[] Base64Url(string s) => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
}
