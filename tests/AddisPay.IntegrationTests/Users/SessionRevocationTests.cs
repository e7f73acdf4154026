using System.Net;
using System.Net.Http.Json;
using AddisPay.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Users;

/// <summary>
/// Ending a session takes effect within seconds in every module, not when the access token expires; and checkout is
/// for verified addresses only. Every module in one process here; <see cref="SplitIdentityTests"/> runs the same
/// scenarios with Users and Orders/Cart in separate processes.
/// </summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class SessionRevocationTests(AllModulesPlatform platform, ITestOutputHelper output)
{
    private readonly Accounts _accounts = new(platform.Factory.CreateClient(), platform.Factory.ConnectionString);
    private HttpClient Http => _accounts.Http;

    private AccessScenarios Scenarios() => new(Http, Http, Http, Http, platform.Factory.ConnectionString);

    [Fact]
    public async Task A_locked_customers_access_token_is_refused_by_orders_and_cart_within_seconds()
    {
        var delay = await Scenarios().LockedCustomersTokenIsRefusedWithinSecondsAsync();
        output.WriteLine($"in one process: the locked customer's token was refused {delay.TotalMilliseconds:F0} ms after the lock");
        Assert.True(delay < TimeSpan.FromSeconds(5), $"refused only after {delay}");
    }

    [Fact]
    public async Task An_unverified_customer_keeps_a_cart_but_cannot_place_an_order_until_the_address_is_verified() =>
        await Scenarios().UnverifiedCustomerKeepsACartButOrdersOnlyOnceVerifiedAsync();

    [Fact]
    public async Task Signing_out_ends_the_sessions_access_token_but_not_the_accounts_other_sessions()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        await _accounts.RegisterAsync(email);
        var laptop = await _accounts.SignInAsync(email);
        var phone = await _accounts.SignInAsync(email);

        using (var signOut = await Http.PostAsJsonAsync("/api/users/sign-out", new { refreshToken = laptop.RefreshToken }))
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        var delay = await AccessScenarios.RefusedAfterAsync(Http, "/api/users/me", laptop.AccessToken);
        output.WriteLine($"signed-out token refused after {delay.TotalMilliseconds:F0} ms");
        using var other = await _accounts.SendAsync(HttpMethod.Get, "/api/cart/mine", phone.AccessToken);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_deleted_accounts_access_token_is_refused_within_seconds()
    {
        var (_, session) = await _accounts.NewCustomerAsync();
        using (var gone = await _accounts.SendAsync(HttpMethod.Delete, "/api/users/me", session.AccessToken))
            Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        await AccessScenarios.RefusedAfterAsync(Http, "/api/orders", session.AccessToken);
    }

    [Fact]
    public async Task Taking_a_role_away_ends_the_tokens_that_carry_it()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        var id = await _accounts.RegisterAsync(email);
        using (var promote = await _accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "customer", "admin" } }))
            await Shop.Expect(promote, HttpStatusCode.OK);
        var asAdmin = await _accounts.SignInAsync(email);
        using (var list = await _accounts.SendAsync(HttpMethod.Get, "/api/users", asAdmin.AccessToken)) await Shop.Expect(list, HttpStatusCode.OK);

        using (var demote = await _accounts.SendAsync(HttpMethod.Put, $"/api/users/{id}/roles", Tokens.Admin(), new { roles = new[] { "customer" } }))
            await Shop.Expect(demote, HttpStatusCode.OK);
        await AccessScenarios.RefusedAfterAsync(Http, "/api/users", asAdmin.AccessToken);
        var asCustomer = await _accounts.SignInAsync(email);
        using var refused = await _accounts.SendAsync(HttpMethod.Get, "/api/users", asCustomer.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
