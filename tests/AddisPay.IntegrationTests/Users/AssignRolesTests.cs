namespace AddisPay.IntegrationTests.Users;

/// <summary>An admin sets a user's roles (<c>PUT /api/users/{id}/roles</c>): the next token carries them, the old ones lose what was taken.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class AssignRolesTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task Roles_an_admin_assigns_are_carried_by_the_next_token()
    {
        var run = await RolesRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.OK, run.AssignAnswer);
        Assert.Equal(["customer", "support"], run.TokenPayload.GetProperty("role").EnumerateArray().Select(r => r.GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task An_unknown_role_is_refused() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await RolesRun.OnAsync(platform)).UnknownRoleAnswer);

    [Fact]
    public async Task Taking_a_role_away_ends_the_tokens_that_carry_it()
    {
        var accounts = platform.Accounts();
        var email = $"{Guid.NewGuid():N}@example.et";
        var id = await accounts.RegisterAsync(email);
        using (var promote = await accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "customer", "admin" } }))
            await Shop.Expect(promote, HttpStatusCode.OK);
        var asAdmin = await accounts.SignInAsync(email);
        using (var list = await accounts.SendAsync(HttpMethod.Get, "/api/users", asAdmin.AccessToken)) await Shop.Expect(list, HttpStatusCode.OK);

        using (var demote = await accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "customer" } }))
            await Shop.Expect(demote, HttpStatusCode.OK);
        await AccessScenarios.RefusedAfterAsync(accounts.Http, "/api/users", asAdmin.AccessToken);
        var asCustomer = await accounts.SignInAsync(email);
        using var refused = await accounts.SendAsync(HttpMethod.Get, "/api/users", asCustomer.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
