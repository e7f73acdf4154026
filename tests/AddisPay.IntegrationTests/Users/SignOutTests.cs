using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer signs out of one session (<c>POST /api/users/sign-out</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class SignOutTests(AllModulesPlatform platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Signing_out_revokes_the_sessions_refresh_token()
    {
        var accounts = platform.Accounts();
        var (_, session) = await accounts.NewCustomerAsync();
        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/sign-out", new { refreshToken = session.RefreshToken })) Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        await accounts.RefreshAsync(session.RefreshToken, HttpStatusCode.Unauthorized);
    }

    /// <summary>An account signed in on a laptop and a phone, signed out on the laptop.</summary>
    private sealed record SignedOut(HttpStatusCode SignOutAnswer, TimeSpan RefusedAfter, HttpStatusCode OtherSession);

    private Task<SignedOut> SignedOutAsync() => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var email = $"{Guid.NewGuid():N}@example.et";
        await accounts.RegisterAsync(email);
        var laptop = await accounts.SignInAsync(email);
        var phone = await accounts.SignInAsync(email);
        HttpStatusCode signOut;
        using (var r = await accounts.Http.PostAsJsonAsync("/api/users/sign-out", new { refreshToken = laptop.RefreshToken })) signOut = r.StatusCode;
        var delay = await AccessScenarios.RefusedAfterAsync(accounts.Http, "/api/users/me", laptop.AccessToken);
        using var other = await accounts.SendAsync(HttpMethod.Get, "/api/cart/mine", phone.AccessToken);
        return new SignedOut(signOut, delay, other.StatusCode);
    });

    [Fact]
    public async Task Signing_out_ends_the_sessions_access_token_within_seconds()
    {
        var run = await SignedOutAsync();
        Assert.Equal(HttpStatusCode.NoContent, run.SignOutAnswer);
        output.WriteLine($"signed-out token refused after {run.RefusedAfter.TotalMilliseconds:F0} ms"); // RefusedAfterAsync fails when it never is
    }

    [Fact]
    public async Task Signing_out_leaves_the_accounts_other_sessions_working() =>
        Assert.Equal(HttpStatusCode.OK, (await SignedOutAsync()).OtherSession);
}
