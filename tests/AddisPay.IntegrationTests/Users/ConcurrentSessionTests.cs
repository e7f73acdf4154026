using AddisPay.Users.Domain;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Users;

/// <summary>One account used from many places at once: sign-ins and refreshes that race each other.</summary>
[Collection(AccountEnumerationTests.PasswordHashing)]
public sealed class ConcurrentSessionTests(ConcurrentSessionTests.Platform platform, ITestOutputHelper output) : IClassFixture<ConcurrentSessionTests.Platform>
{
    public sealed class Platform : IDisposable
    {
        public PlatformFactory Factory { get; } = new("users");
        public void Dispose() => Factory.Dispose();
    }

    private readonly Accounts _accounts = new(platform.Factory.CreateClient(), platform.Factory.ConnectionString);

    private HttpClient Client()
    {
        var http = platform.Factory.CreateClient();
        http.Timeout = TimeSpan.FromMinutes(5); // a hundred password hashes queue on two cores
        return http;
    }

    [Fact]
    public async Task A_hundred_simultaneous_sign_ins_of_one_account_all_succeed_and_every_refresh_token_they_got_works()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        var id = await _accounts.RegisterAsync(email);
        using var http = Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            http.PostAsJsonAsync("/api/users/sign-in", new { email, password = Accounts.Password })));
        var statuses = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).Select(g => $"{g.Count()} × {g.Key}"));
        output.WriteLine($"100 simultaneous sign-ins: {statuses}");
        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.OK), statuses);

        var sessions = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<TokenPair>())!));
        Assert.Equal(100, sessions.Select(s => s.RefreshToken).Distinct().Count());
        Assert.Equal(100, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(distinct \"FamilyId\") from users.refresh_tokens where \"AccountId\" = '{id}' and \"RevokedAt\" is null"));

        // None was lost: each session refreshes (also all at once).
        var refreshed = await Task.WhenAll(sessions.Select(s => http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = s.RefreshToken })));
        Assert.All(refreshed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses.Concat(refreshed)) r.Dispose();
    }

    [Fact]
    public async Task Of_twenty_simultaneous_refreshes_of_one_token_exactly_one_wins_the_others_get_409_and_the_session_lives_on()
    {
        var (_, session) = await _accounts.NewCustomerAsync();
        using var http = Client();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = session.RefreshToken })));
        output.WriteLine(string.Join(", ", results.GroupBy(r => (int)r.StatusCode).Select(g => $"{g.Count()} × {g.Key}")));
        var winner = Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in results.Where(r => r != winner))
        {
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        }

        // The winner's tokens carry the session on; the losers' requests did not end it.
        var next = (await winner.Content.ReadFromJsonAsync<TokenPair>())!;
        using (var me = await _accounts.SendAsync(HttpMethod.Get, "/api/users/me", next.AccessToken)) Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        using var again = await http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = next.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var newest = (await again.Content.ReadFromJsonAsync<TokenPair>())!;

        // Once the session has moved on, the first token coming back is a replay: the session ends.
        using (var replay = await http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = session.RefreshToken }))
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        using (var ended = await http.PostAsJsonAsync("/api/users/token/refresh", new { refreshToken = newest.RefreshToken }))
            Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        foreach (var r in results) r.Dispose();
    }
}
