using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// The role rule of the staff campaign endpoints, one rule over the seven use cases behind them (list, compose, change,
/// schedule, cancel, results, preview): only admins.
/// </summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class StaffCampaignAccessTests(NotificationsPlatform platform)
{
    /// <summary>Every staff campaign endpoint called by a support agent and by a customer, about one draft.</summary>
    private sealed record Calls(IReadOnlyList<(string Role, string Call, HttpStatusCode Answer)> Answers, string DraftStatusAfter);

    private Task<Calls> CallsAsync() => platform.ArrangedAsync(async p =>
    {
        var draft = (await p.SendAsync(Draft(null))).Campaign;
        var requests = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, "/api/notifications/campaigns", null),
            (HttpMethod.Post, "/api/notifications/campaigns/drafts", new { subject = "Hi there", subjectAm = "ሰላም ሰላም", body = "Fresh teff", bodyAm = "ትኩስ ጤፍ" }),
            (HttpMethod.Put, $"/api/notifications/campaigns/{draft.Id}", new { subject = "Hi there", subjectAm = "ሰላም ሰላም", body = "Fresh teff", bodyAm = "ትኩስ ጤፍ" }),
            (HttpMethod.Post, $"/api/notifications/campaigns/{draft.Id}/schedule", new { sendAt = (DateTimeOffset?)null }),
            (HttpMethod.Post, $"/api/notifications/campaigns/{draft.Id}/cancel", null),
            (HttpMethod.Get, $"/api/notifications/campaigns/{draft.Id}/results", null),
            (HttpMethod.Get, $"/api/notifications/campaigns/{draft.Id}/preview", null),
        };
        var answers = new List<(string, string, HttpStatusCode)>();
        foreach (var (role, token) in new[] { ("support", Tokens.For(Guid.NewGuid().ToString(), "support")), ("customer", Tokens.Customer(Guid.NewGuid().ToString())) })
            foreach (var (method, url, body) in requests)
                using (var r = await p.SendAsync(method, url, token, body))
                    answers.Add((role, $"{method} {url}", r.StatusCode));
        return new Calls(answers, (await p.ResultsAsync(draft.Id)).Status);
    });

    [Fact]
    public async Task Support_agents_are_refused_every_staff_campaign_endpoint()
    {
        var answers = (await CallsAsync()).Answers.Where(a => a.Role == "support").ToList();
        Assert.Equal(7, answers.Count);
        Assert.All(answers, a => Assert.True(a.Answer == HttpStatusCode.Forbidden, $"{a.Call}: {(int)a.Answer}"));
    }

    [Fact]
    public async Task Customers_are_refused_every_staff_campaign_endpoint()
    {
        var answers = (await CallsAsync()).Answers.Where(a => a.Role == "customer").ToList();
        Assert.Equal(7, answers.Count);
        Assert.All(answers, a => Assert.True(a.Answer == HttpStatusCode.Forbidden, $"{a.Call}: {(int)a.Answer}"));
    }

    [Fact]
    public async Task Refused_calls_leave_the_draft_as_it_was() =>
        Assert.Equal("draft", (await CallsAsync()).DraftStatusAfter);
}
