using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Users;

/// <summary>An admin locks an account (<c>POST /api/users/{id}/lock</c>): its sessions end at once, in every module within seconds.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class SetUserLockTests(AllModulesPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task An_admin_lock_ends_the_accounts_sessions_at_once()
    {
        var accounts = platform.Accounts();
        var (id, session) = await accounts.NewCustomerAsync();
        using (var lockIt = await accounts.SendAsync(HttpMethod.Post, $"/api/users/{id}/lock", Tokens.Admin())) Assert.Equal(HttpStatusCode.OK, lockIt.StatusCode);
        await accounts.RefreshAsync(session.RefreshToken, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_locked_customers_access_token_is_refused_by_orders_and_cart_within_seconds()
    {
        var http = platform.Accounts().Http;
        var delay = await new AccessScenarios(http, http, http, http, platform.Factory.ConnectionString).LockedCustomersTokenIsRefusedWithinSecondsAsync();
        output.WriteLine($"in one process: the locked customer's token was refused {delay.TotalMilliseconds:F0} ms after the lock");
        Assert.True(delay < TimeSpan.FromSeconds(5), $"refused only after {delay}");
    }
}
