namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// Bekele, who knows the id of Alice's address, tries to edit it and to delete it, then reads his profile: run once for
/// <see cref="SaveAddressTests"/>, <see cref="DeleteAddressTests"/> and <see cref="GetProfileTests"/>.
/// </summary>
public sealed record ForeignAddressRun(Guid AliceHome, HttpStatusCode EditAnswer, HttpStatusCode DeleteAnswer, string BekelesProfile)
{
    public static Task<ForeignAddressRun> OnAsync(AllModulesPlatform platform) => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var (_, alice) = await accounts.NewCustomerAsync();
        var (_, bekele) = await accounts.NewCustomerAsync();
        var aliceHome = await accounts.AddAddressAsync(alice.AccessToken, "Home", isDefault: true);
        HttpStatusCode edit, delete;
        using (var r = await accounts.SendAsync(HttpMethod.Put, $"/api/users/me/addresses/{aliceHome}", bekele.AccessToken, UsersShop.AddressBody("Hacked", false)))
            edit = r.StatusCode;
        using (var r = await accounts.SendAsync(HttpMethod.Delete, $"/api/users/me/addresses/{aliceHome}", bekele.AccessToken))
            delete = r.StatusCode;
        var profile = await (await accounts.SendAsync(HttpMethod.Get, "/api/users/me", bekele.AccessToken)).Content.ReadAsStringAsync();
        return new ForeignAddressRun(aliceHome, edit, delete, profile);
    });
}
