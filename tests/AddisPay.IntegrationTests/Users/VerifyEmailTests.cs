namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer verifies their address with the emailed token; what verifying opens (orders, a bootstrap admin's role).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class VerifyEmailTests(AllModulesPlatform platform)
{
    [Fact]
    public async Task The_emailed_token_verifies_the_address()
    {
        var run = await AccountLifeRun.OnAsync(platform);
        Assert.Equal(HttpStatusCode.NoContent, run.VerifyAnswer);
        Assert.True(run.Me.GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task A_verification_token_used_a_second_time_is_refused() =>
        Assert.Equal(HttpStatusCode.BadRequest, (await AccountLifeRun.OnAsync(platform)).VerifyAgainAnswer);

    [Fact]
    public async Task An_unverified_customer_keeps_a_cart_but_cannot_place_an_order_until_the_address_is_verified()
    {
        var http = platform.Accounts().Http;
        await new AccessScenarios(http, http, http, http, platform.Factory.ConnectionString).UnverifiedCustomerKeepsACartButOrdersOnlyOnceVerifiedAsync();
    }

    [Fact]
    public async Task A_bootstrap_admin_becomes_admin_once_the_email_is_verified()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.et";
        using var factory = new PlatformFactory("users", new() { ["AddisPay:Users:BootstrapAdmins:0"] = email.ToUpperInvariant() });
        var accounts = new Accounts(factory.CreateClient(), factory.ConnectionString);
        await accounts.RegisterUnverifiedAsync(email);
        using (var before = await accounts.SendAsync(HttpMethod.Get, "/api/users", (await accounts.SignInAsync(email)).AccessToken))
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        var token = await accounts.LastEmailedTokenAsync(email, "users.email_verification_requested");
        (await accounts.Http.PostAsJsonAsync("/api/users/verify-email", new { token })).Dispose();
        using var after = await accounts.SendAsync(HttpMethod.Get, "/api/users", (await accounts.SignInAsync(email)).AccessToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
