namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// The shop in one process with every module, a fixture of the collection <see cref="ShopBrowser"/>: every page class of
/// Storefront/ and BackOffice/ and the journeys share its processes (starting them is the slow part of a browser test), and
/// the arrangements several facts assert on are made once on it (<see cref="Arranged"/>).
/// </summary>
public sealed class AllInOneShop : IAsyncLifetime
{
    public StorefrontShop Shop { get; private set; } = null!;
    public string Database { get; } = TestPostgres.CreateDatabase("storefront");
    public Arrangements Arranged { get; } = new();

    public async Task InitializeAsync() => Shop = await StorefrontShop.AllInOneAsync(Database);

    public async Task DisposeAsync()
    {
        if (Shop is not null) await Shop.DisposeAsync();
    }

    /// <summary>The one process's latest errors, for a journey's output.</summary>
    public string LatestErrors() =>
        string.Join('\n', Shop.Processes[0].Output.Split('\n').Where(l => l.Contains("\"error\"") || l.Contains("ERR")).TakeLast(20));

    /// <summary>A visitor without cookies, over plain HTTP; redirects are answers to read unless <paramref name="follow"/>.</summary>
    public HttpClient Visitor(bool follow = false) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = follow }) { BaseAddress = Shop.Address };

    /// <summary>A visitor's GET of <paramref name="path"/>, in <paramref name="language"/> if given (its cookie): status, media type, body.</summary>
    public async Task<(HttpStatusCode Status, string? Type, string Body)> PageAsync(string path, string? language = null)
    {
        using var http = Visitor(follow: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null) request.Headers.Add("Cookie", "addispay-lang=" + language);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Where a visitor asking for <paramref name="path"/> is redirected to (the answer must be a redirect).</summary>
    public async Task<string?> RedirectOfAsync(string path)
    {
        using var http = Visitor();
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.PathAndQuery;
    }
}

public sealed class SplitShop : IAsyncLifetime
{
    public StorefrontShop Shop { get; private set; } = null!;

    public async Task InitializeAsync() => Shop = await StorefrontShop.SplitAsync(TestPostgres.CreateDatabase("storefront_split"));

    public async Task DisposeAsync()
    {
        if (Shop is not null) await Shop.DisposeAsync();
    }
}
