namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>What the back office answered a request, kept so that several facts can assert on one run of requests.</summary>
public sealed record StaffAnswer(string Path, HttpStatusCode Status, string? Location)
{
    public static async Task<StaffAnswer> OfAsync(string path, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var location = response.Headers.Location;
        return new(path, response.StatusCode, location is { IsAbsoluteUri: true } ? location.PathAndQuery : location?.OriginalString);
    }

    /// <summary>What <paramref name="client"/> was answered opening each of <paramref name="pages"/>.</summary>
    public static async Task<StaffAnswer[]> OfPagesAsync(StaffClient client, IEnumerable<string> pages)
    {
        var answers = new List<StaffAnswer>();
        foreach (var page in pages) answers.Add(await OfAsync(page, client.GetAsync(page)));
        return [.. answers];
    }

    /// <summary>Every page opened (200) for <paramref name="who"/>.</summary>
    public static void AllOpened(IEnumerable<StaffAnswer> answers, string who) =>
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{who} opens {a.Path}: {a.Status}"));

    /// <summary>Every answer is a redirect to a place starting with <paramref name="place"/> (the staff sign-in, /admin/denied).</summary>
    public static void AllSentTo(IEnumerable<StaffAnswer> answers, string place) =>
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.Redirect && a.Location?.StartsWith(place, StringComparison.Ordinal) == true,
            $"{a.Path} answered {a.Status} to {a.Location}, not a redirect to {place}"));
}
