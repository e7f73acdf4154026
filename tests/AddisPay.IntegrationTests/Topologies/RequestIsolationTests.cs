using System.Collections.Concurrent;
using System.Text;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Topologies;

/// <summary>
/// Valid requests running among requests the database refuses or the client abandons: every valid request gets its own
/// answer (the product it asked for, its own sign-in), nobody gets a 5xx, and no Host logs a protocol desync. Both
/// topologies: all modules in one process, and Products, Users and Search each in their own.
/// </summary>
[Collection(nameof(RequestIsolationTests))]
public sealed class RequestIsolationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = TestPostgres.CreateDatabase("isolation");
    private readonly List<HostProcess> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    [Fact]
    public async Task Refused_and_abandoned_requests_never_disturb_valid_ones_in_one_process()
    {
        var all = await HostProcess.StartAsync("all", _database);
        _hosts.Add(all);
        await RunMixAsync(all.BaseAddress, all.BaseAddress, all.BaseAddress);
    }

    [Fact]
    public async Task Refused_and_abandoned_requests_never_disturb_valid_ones_with_a_process_per_module()
    {
        // At once, as a release's pods start; the last waits for the others' migrations, hence the longer readiness wait.
        var starting = new[] { "products", "users", "search" }
            .Select(module => HostProcess.StartAsync(module, _database, readyWithin: TimeSpan.FromMinutes(3))).ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _hosts.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
        await RunMixAsync(_hosts[0].BaseAddress, _hosts[1].BaseAddress, _hosts[2].BaseAddress);
    }

    private async Task RunMixAsync(Uri products, Uri users, Uri search)
    {
        using var catalogue = new HttpClient { BaseAddress = products };
        using var accounts = new HttpClient { BaseAddress = users };
        using var finder = new HttpClient { BaseAddress = search };
        var shop = new Shop(catalogue, catalogue);
        var slugs = new List<string>();
        for (var i = 0; i < 12; i++) slugs.Add((await shop.CreateProductAsync($"ISO-{i}", 100 + i, name: $"Harar coffee {i}")).Slug);
        var emails = new List<string>();
        var signUp = new Accounts(accounts, _database);
        for (var i = 0; i < 4; i++)
        {
            var email = $"isolation{i}-{Guid.NewGuid():N}@example.et";
            await signUp.RegisterAsync(email);
            emails.Add(email);
        }

        var wrong = new ConcurrentBag<string>();
        var counts = new ConcurrentDictionary<string, int>();
        // 3 s of mix and at least 150 requests, whichever takes longer (a loaded machine answers fewer in 3 s), within a
        // minute: 16 workers keep every kind of request in flight beside the others from the first second; a longer mix only
        // took CPU from the suite's other lanes.
        var until = DateTime.UtcNow.AddSeconds(3);
        var giveUp = DateTime.UtcNow.AddSeconds(60);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while ((DateTime.UtcNow < until || counts.Values.Sum() < 150) && DateTime.UtcNow < giveUp)
            {
                var kind = random.Next(9);
                counts.AddOrUpdate(kind.ToString(), 1, (_, n) => n + 1);
                try
                {
                    switch (kind)
                    {
                        case 0 or 1:
                        {
                            var slug = slugs[random.Next(slugs.Count)];
                            using var r = await catalogue.GetAsync($"/api/products/{slug}");
                            var body = await r.Content.ReadAsStringAsync();
                            if (r.StatusCode != HttpStatusCode.OK || JsonDocument.Parse(body).RootElement.GetProperty("slug").GetString() != slug)
                                wrong.Add($"product {slug}: {(int)r.StatusCode} {Cut(body)}");
                            break;
                        }
                        case 2:
                        {
                            var email = emails[random.Next(emails.Count)];
                            using var r = await accounts.PostAsJsonAsync("/api/users/sign-in", new { email, password = Accounts.Password });
                            var body = await r.Content.ReadAsStringAsync();
                            if (r.StatusCode != HttpStatusCode.OK || !body.Contains("accessToken"))
                                wrong.Add($"sign-in {email}: {(int)r.StatusCode} {Cut(body)}");
                            break;
                        }
                        case 3:
                        {
                            using var r = await finder.GetAsync("/api/search?q=harar%20coffee");
                            if (r.StatusCode != HttpStatusCode.OK) wrong.Add($"search: {(int)r.StatusCode} {Cut(await r.Content.ReadAsStringAsync())}");
                            break;
                        }
                        case 4:
                        {
                            // Refused at the edge or by the database: a NUL character, an overflowing page.
                            var url = random.Next(3) switch
                            {
                                0 => "/api/products?brand=a%00b", 1 => "/api/products?page=2147483647", _ => "/api/products/a%00b-slug"
                            };
                            using var r = await catalogue.GetAsync(url);
                            if ((int)r.StatusCode >= 500) wrong.Add($"{url}: {(int)r.StatusCode}");
                            break;
                        }
                        case 5:
                        {
                            using var r = await accounts.PostAsync("/api/users/sign-in", new StringContent(
                                $$"""{"email":"{{emails[0]}}\u0000","password":"x\u0000"}""", Encoding.UTF8, "application/json"));
                            if ((int)r.StatusCode >= 500) wrong.Add($"NUL sign-in: {(int)r.StatusCode}");
                            break;
                        }
                        case 6:
                        {
                            // The same category created from every worker: one wins, the rest conflict.
                            using var r = await catalogue.SendAsync(Shop.Request(HttpMethod.Post, "/api/products/categories",
                                new { slug = $"iso-{random.Next(3)}", name = "Coffee", nameAm = "ቡና" }, Tokens.Admin()));
                            if (r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                                wrong.Add($"category: {(int)r.StatusCode} {Cut(await r.Content.ReadAsStringAsync())}");
                            break;
                        }
                        default:
                        {
                            // Abandoned by the client mid-request.
                            using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(1, 15)));
                            try
                            {
                                using var r = await (random.Next(2) == 0
                                    ? finder.GetAsync("/api/search?q=coffee", abort.Token)
                                    : catalogue.GetAsync($"/api/products/{slugs[random.Next(slugs.Count)]}", abort.Token));
                                if ((int)r.StatusCode >= 500) wrong.Add($"aborted request: {(int)r.StatusCode}");
                            }
                            catch (OperationCanceledException) { }
                            break;
                        }
                    }
                }
                catch (HttpRequestException e)
                {
                    wrong.Add($"kind {kind}: {e.Message}");
                }
            }
        })));

        output.WriteLine("requests by kind: " + string.Join(", ", counts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}")));
        var desyncs = _hosts.SelectMany(h => h.Output.Split('\n')).Where(l => l.Contains("unexpected backend message", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(counts.Values.Sum() > 100, "the mix ran");
        Assert.True(wrong.IsEmpty, $"{wrong.Count} valid requests went wrong:\n" + string.Join('\n', wrong.Take(20)));
        Assert.True(desyncs.Count == 0, "the Host logged a protocol desync:\n" + string.Join('\n', desyncs.Take(5)));
    }

    private static string Cut(string body) => body.Length > 200 ? body[..200] : body;
}
