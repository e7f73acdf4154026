using AddisPay.Users.Domain;

namespace AddisPay.IntegrationTests.Users;

/// <summary>A session refreshed with its rotating refresh token (<c>POST /api/users/token/refresh</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class RefreshSessionTests(AllModulesPlatform platform)
{
    /// <summary>A session refreshed twice in turn, then its first (spent) refresh token replayed, then its newest one used.</summary>
    private sealed record Rotated(TokenPair First, (HttpStatusCode Status, TokenPair? Tokens) Second, (HttpStatusCode Status, TokenPair? Tokens) Third,
        HttpStatusCode Replay, HttpStatusCode NewestAfterReplay);

    private Task<Rotated> RotatedAsync() => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var (_, first) = await accounts.NewCustomerAsync();
        var second = await accounts.RefreshAsync(first.RefreshToken);
        var third = second.Tokens is null ? default : await accounts.RefreshAsync(second.Tokens.RefreshToken);
        // The spent first token comes back (stolen, replayed).
        var replay = (await accounts.RefreshAsync(first.RefreshToken)).Status;
        var newest = third.Tokens is null ? default : (await accounts.RefreshAsync(third.Tokens.RefreshToken)).Status;
        return new Rotated(first, second, third, replay, newest);
    });

    [Fact]
    public async Task A_refresh_gives_a_new_refresh_token_and_a_new_access_token()
    {
        var run = await RotatedAsync();
        Assert.Equal(HttpStatusCode.OK, run.Second.Status);
        Assert.NotEqual(run.First.RefreshToken, run.Second.Tokens!.RefreshToken);
        Assert.NotEqual(run.First.AccessToken, run.Second.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, run.Third.Status);
    }

    [Fact]
    public async Task A_spent_refresh_token_coming_back_is_refused() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await RotatedAsync()).Replay);

    [Fact]
    public async Task A_spent_refresh_token_coming_back_ends_the_whole_session_including_its_newest_token() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await RotatedAsync()).NewestAfterReplay);

    [Fact]
    public async Task An_expired_access_token_is_refused_and_a_refresh_gets_a_new_one()
    {
        using var factory = new PlatformFactory("users", new() { ["AddisPay:Auth:AccessTokenLifetime"] = "00:00:01", ["AddisPay:Auth:ClockSkew"] = "00:00:00" });
        var accounts = new Accounts(factory.CreateClient(), factory.ConnectionString);
        var (_, session) = await accounts.NewCustomerAsync();
        Assert.Equal(1, session.ExpiresIn);
        await Task.Delay(1500);
        using (var expired = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", session.AccessToken)) Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        using var refresh = await accounts.Http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = session.RefreshToken });
        var next = (await refresh.Content.ReadFromJsonAsync<TokenPair>())!;
        using var fresh = await accounts.SendAsync(HttpMethod.Get, "/api/users/me", next.AccessToken);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }
}
