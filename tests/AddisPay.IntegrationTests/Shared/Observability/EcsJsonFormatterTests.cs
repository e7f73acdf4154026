using System.Net.Http.Headers;
using System.Text;
using AddisPay.DeploymentTests.Logging;

namespace AddisPay.IntegrationTests.Shared.Observability;

/// <summary>
/// The log lines of a Host in Production (<c>EcsJsonFormatter</c>), as the Elasticsearch index template maps them. The
/// requests that put every kind of line in its output are sent once for the class; each fact reads one behaviour of them.
/// </summary>
[Collection(ProductionHost.Collection)]
public sealed class EcsJsonFormatterTests(ProductionHost production)
{
    /// <summary>One snapshot of the output after answers of every kind, its JSON lines, and the request line of the marker.</summary>
    private sealed record Logged(string Output, List<JsonElement> Lines, IndexTemplate Template, JsonElement MarkerRequest, string Token);

    private Task<Logged> LoggedAsync() => Arrangements.Of(production).OnceAsync(async () =>
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
        var request = lines.Single(l => l.TryGetProperty("url.path", out var p) && p.GetString() == marker);
        return new Logged(output, lines, template, request, token);
    });

    [Fact]
    public async Task Production_logs_nothing_but_ecs_lines()
    {
        var logged = await LoggedAsync();
        Assert.True(logged.Lines.Count >= 6, logged.Output);
        Assert.Equal(logged.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, logged.Lines.Count); // nothing but ECS lines
    }

    [Fact]
    public async Task Every_field_of_a_production_log_line_is_one_the_elasticsearch_index_template_maps()
    {
        var logged = await LoggedAsync();
        var problems = logged.Lines.SelectMany(logged.Template.Problems).Distinct().ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task A_request_line_carries_its_method_path_status_duration_and_module()
    {
        var request = (await LoggedAsync()).MarkerRequest;
        Assert.Equal("GET", request.GetProperty("http.request.method").GetString());
        Assert.Equal(404, request.GetProperty("http.response.status_code").GetInt32());
        Assert.True(request.GetProperty("event.duration").GetInt64() > 0);
        Assert.Equal("products", request.GetProperty("addispay").GetProperty("module").GetString());
    }

    [Fact]
    public async Task Every_production_log_line_names_its_service_environment_host_and_version()
    {
        foreach (var line in (await LoggedAsync()).Lines)
        {
            Assert.Equal("addispay-products", line.GetProperty("service.name").GetString());
            Assert.Equal("Production", line.GetProperty("service.environment").GetString());
            Assert.Equal(Environment.MachineName, line.GetProperty("host.name").GetString());
            Assert.False(string.IsNullOrEmpty(line.GetProperty("service.version").GetString()));
        }
    }

    [Fact]
    public async Task A_request_line_names_the_signed_in_user() =>
        Assert.Contains((await LoggedAsync()).Lines, l => l.TryGetProperty("user.id", out var u) && u.GetString() == "admin-1");

    [Fact]
    public async Task A_bearer_token_is_never_logged()
    {
        var logged = await LoggedAsync();
        Assert.DoesNotContain(logged.Token, production.Host.Output);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AddisPay.sln not found");
    }
}
