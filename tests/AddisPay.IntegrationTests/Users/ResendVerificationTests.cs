namespace AddisPay.IntegrationTests.Users;

/// <summary>A customer asks for the verification email again (<c>POST /api/users/verify-email/resend</c>).</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ResendVerificationTests(AllModulesPlatform platform)
{
    /// <summary>Four resends asked for one unverified address (its registration's own email is not counted).</summary>
    private sealed record FourAsked(IReadOnlyList<HttpStatusCode> Statuses, IReadOnlyList<TimeSpan?> RetryAfterOfRefusals, long Sent);

    private Task<FourAsked> FourAskedAsync() => platform.ArrangedAsync(async p =>
    {
        var accounts = p.Accounts();
        var email = $"{Guid.NewGuid():N}@example.et";
        await accounts.RegisterUnverifiedAsync(email);
        var statuses = new List<HttpStatusCode>();
        var retryAfter = new List<TimeSpan?>();
        for (var i = 0; i < 4; i++)
            using (var r = await accounts.Http.PostAsJsonAsync("/api/users/verify-email/resend", new { email }))
            {
                statuses.Add(r.StatusCode);
                if (r.StatusCode == HttpStatusCode.TooManyRequests) retryAfter.Add(r.Headers.RetryAfter?.Delta);
            }
        var sent = await Scenarios.PriceChangeScenario.CountAsync(p.Factory.ConnectionString,
            $"select count(*) from events.mt_events where type = 'users.email_verification_requested' and coalesce(data->>'Email', data->>'email') = '{email}'") - 1;
        return new FourAsked(statuses, retryAfter, sent);
    });

    [Fact]
    public async Task Verification_emails_are_limited_to_three_an_hour_per_address()
    {
        var run = await FourAskedAsync();
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], run.Statuses);
        Assert.Equal(3, run.Sent);
    }

    [Fact]
    public async Task A_refused_resend_says_to_retry_in_about_an_hour()
    {
        var run = await FourAskedAsync();
        Assert.NotEmpty(run.RetryAfterOfRefusals);
        Assert.All(run.RetryAfterOfRefusals, delta => Assert.True(delta > TimeSpan.FromMinutes(59)));
    }
}
