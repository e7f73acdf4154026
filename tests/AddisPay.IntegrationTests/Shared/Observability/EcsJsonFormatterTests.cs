using System.Net.Http.Headers;
using System.Text;
using AddisPay.DeploymentTests.Logging;

namespace AddisPay.IntegrationTests.Shared.Observability;

/// <summary>The log lines of a Host in Production (<c>EcsJsonFormatter</c>), as the Elasticsearch index template maps them.</summary>
[Collection(ProductionHost.Collection)]
public sealed class EcsJsonFormatterTests(ProductionHost production)
{
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
}
