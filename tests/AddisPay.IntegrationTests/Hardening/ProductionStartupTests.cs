using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AddisPay.DeploymentTests.Logging;
using AddisPay.Shared.Security;

namespace AddisPay.IntegrationTests.Hardening;

/// <summary>What a Host started with ASPNETCORE_ENVIRONMENT=Production insists on and leaves out.</summary>
public sealed class ProductionStartupTests(ProductionStartupTests.ProductionHost production) : IClassFixture<ProductionStartupTests.ProductionHost>
{
    /// <summary>A products process in Production with the suite's key (32 random bytes).</summary>
    public sealed class ProductionHost : IAsyncLifetime
    {
        public HostProcess Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await HostProcess.StartAsync("products", TestPostgres.CreateDatabase("production"),
            environment: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    [Fact]
    public async Task Production_starts_with_an_internal_key_of_32_random_bytes()
    {
        using var http = production.Host.Client();
        using var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Matches(@"Hosting environment: (\\u0022)?Production", production.Host.Output); // ECS JSON escapes the quotes
    }

    [Fact]
    public async Task Production_serves_no_api_docs_unless_asked_to()
    {
        using var http = production.Host.Client();
        using var docs = await http.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.NotFound, docs.StatusCode);
        using var openApi = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
    }

    [Fact]
    public async Task Production_logs_are_ecs_lines_every_field_of_which_the_elasticsearch_index_template_maps()
    {
        // Answers of every kind, so that request lines, warnings and refusals are all in the output.
        var marker = $"/api/products/{Guid.NewGuid()}";
        var token = Tokens.Admin();
        using var http = production.Host.Client();
        using (await http.GetAsync("/api/products?pageSize=2")) { }
        using (await http.GetAsync(marker)) { }
        using (await http.PostAsync("/api/products", new StringContent("{\"sku\":", Encoding.UTF8, "application/json"))) { }
        using (var admin = new HttpRequestMessage(HttpMethod.Post, "/api/products") { Content = new StringContent("{\"sku\":\"\"}", Encoding.UTF8, "application/json") })
        {
            admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using (await http.SendAsync(admin)) { }
        }
        // Request lines are written when each response completes, so wait for the last request's line too (the admin's,
        // sent after the marker): waiting for the marker alone once took the snapshot before it.
        await Eventually.Until(() => Task.FromResult(production.Host.Output.Contains(marker) && production.Host.Output.Contains("\"user.id\":\"admin-1\"")),
            found => found, "the request lines of " + marker + " and of the admin's request");

        var template = IndexTemplate.Load(IndexTemplate.PathIn(RepositoryRoot()));
        // One snapshot of the output: the Host keeps writing (a late request line, a periodic job), and two reads of it
        // would compare different texts.
        var output = production.Host.Output;
        var lines = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.True(lines.Count >= 6, output);
        Assert.Equal(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, lines.Count); // nothing but ECS lines
        var problems = lines.SelectMany(template.Problems).Distinct().ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));

        var request = lines.Single(l => l.TryGetProperty("url.path", out var p) && p.GetString() == marker);
        Assert.Equal("GET", request.GetProperty("http.request.method").GetString());
        Assert.Equal(404, request.GetProperty("http.response.status_code").GetInt32());
        Assert.True(request.GetProperty("event.duration").GetInt64() > 0);
        Assert.Equal("products", request.GetProperty("addispay").GetProperty("module").GetString());
        foreach (var line in lines)
        {
            Assert.Equal("addispay-products", line.GetProperty("service.name").GetString());
            Assert.Equal("Production", line.GetProperty("service.environment").GetString());
            Assert.Equal(Environment.MachineName, line.GetProperty("host.name").GetString());
            Assert.False(string.IsNullOrEmpty(line.GetProperty("service.version").GetString()));
        }
        Assert.Contains(lines, l => l.TryGetProperty("user.id", out var u) && u.GetString() == "admin-1");
        Assert.DoesNotContain(token, production.Host.Output);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AddisPay.sln not found");
    }

    [Theory]
    [InlineData("short-key")]
    [InlineData("0123456789abcdef0123456789abcdef012345678")] // 41 characters
    [InlineData("abababababababababababababababababababababababab")] // long, but two different characters
    public async Task Production_refuses_to_start_with_a_weak_internal_key(string key)
    {
        var (exit, output) = await StartInProductionAsync(key);
        Assert.NotEqual(0, exit);
        Assert.Contains("AddisPay:InternalKey is too weak", output);
        Assert.DoesNotContain(key, output); // the key itself is not printed
    }

    [Fact]
    public async Task Production_refuses_to_start_with_a_key_from_the_examples()
    {
        var (exit, output) = await StartInProductionAsync("change-me");
        Assert.NotEqual(0, exit);
        Assert.Contains("AddisPay:InternalKey is a published example value", output);
    }

    [Fact]
    public void Keys_as_operators_generate_them_pass_the_rule()
    {
        Assert.Null(InternalKeyRule.Weakness(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))); // openssl rand -base64 32
        Assert.Null(InternalKeyRule.Weakness(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)))); // openssl rand -hex 32
        Assert.Null(InternalKeyRule.Weakness(RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 48))); // helm randAlphaNum 48
        Assert.NotNull(InternalKeyRule.Weakness(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)))); // 32 characters: 24 bytes
        Assert.NotNull(InternalKeyRule.Weakness(""));
    }

    /// <summary>`migrate` builds the whole app first, so a key refused at start-up stops it before any database work.</summary>
    private static Task<(int ExitCode, string Output)> StartInProductionAsync(string key) =>
        HostProcess.RunCommandAsync("migrate", "products", TestPostgres.CreateEmptyDatabase("weakkey"),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["AddisPay__InternalKey"] = key });
}
