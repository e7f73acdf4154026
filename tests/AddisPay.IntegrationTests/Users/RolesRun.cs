using AddisPay.Users.Domain;

namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// An admin gives a customer the support role (and tries an unknown role), the customer signs in, and the admin searches the
/// users for their address: run once for <see cref="AssignRolesTests"/>, <see cref="SignInTests"/> and <see cref="ListUsersTests"/>.
/// </summary>
public sealed record RolesRun(Guid Id, HttpStatusCode AssignAnswer, HttpStatusCode UnknownRoleAnswer, TokenPair Session, JsonElement TokenPayload, JsonElement Search)
{
    public static Task<RolesRun> OnAsync(AllModulesPlatform platform) => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var email = $"{Guid.NewGuid():N}@example.et";
        var id = await accounts.RegisterAsync(email);
        HttpStatusCode assign, unknown;
        using (var r = await accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "customer", "support" } })) assign = r.StatusCode;
        using (var r = await accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "root" } })) unknown = r.StatusCode;
        var session = await accounts.SignInAsync(email);
        var payload = JsonDocument.Parse(UsersShop.Base64Url(session.AccessToken.Split('.')[1])).RootElement;
        var search = await (await accounts.SendAsync(HttpMethod.Get, $"/api/users?search={email}", Tokens.Admin())).Content.ReadFromJsonAsync<JsonElement>();
        return new RolesRun(id, assign, unknown, session, payload, search);
    });
}
