using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace AddisPay.IntegrationTests.Operations;

/// <summary>
/// A real Prometheus (Debian's; scripts/ensure-prometheus.sh) scrapes a running Host that has just sold coffee (one
/// payment paid, one declined, one webhook with a bad signature): every panel of the Grafana dashboard and every alert
/// expression of the chart returns a series, so none of them names a metric or a label the Host does not export.
/// </summary>
public sealed class MonitoringScrapeTests(ITestOutputHelper output)
{
    private const string Namespace = "addispay";
    private const string Job = "addispay-metrics"; // as the chart's ServiceMonitor names the scrape job: its one Service, <release fullname>-metrics

    /// <summary>
    /// What this run does not produce on purpose: a 5xx answer, a payment settled by reconciliation. Those matchers are
    /// widened to any value, so the query still proves the metric and the label exist.
    /// </summary>
    private static readonly (string Matcher, string Widened)[] NotProducedHere =
    [
        ("code=~\"5..\"", "code=~\".+\""),
        ("source=\"reconciliation\"", "source=~\".+\"")
    ];

    [Fact]
    public async Task Every_dashboard_panel_and_alert_expression_returns_a_series_from_a_Prometheus_scraping_a_running_host()
    {
        await using var host = await HostProcess.StartAsync("all", TestPostgres.CreateDatabase("scrape"));
        await SellCoffeeAsync(host);

        var port = HostProcess.FreePort();
        var folder = Directory.CreateTempSubdirectory("addispay-prometheus-").FullName;
        File.WriteAllText(Path.Combine(folder, "prometheus.yml"), $"""
            global: {"{"} scrape_interval: 1s, evaluation_interval: 1s {"}"}
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: ["127.0.0.1:{host.Port}"]
                    labels: {"{"} namespace: {Namespace} {"}"}
            """);
        using var prometheus = Process.Start(new ProcessStartInfo("prometheus",
            [$"--config.file={folder}/prometheus.yml", $"--storage.tsdb.path={folder}/data", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
        })!;
        var log = new System.Text.StringBuilder();
        prometheus.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var queries = DashboardQueries().Concat(AlertQueries()).ToList();
            Assert.True(queries.Count >= 18, $"found {queries.Count} queries");
            foreach (var (what, query) in queries)
            {
                // rate() needs two scrapes in its window, and the subscription gauges are set every 5 s.
                var series = await Eventually.Until(() => SeriesAsync(http, query), n => n > 0, $"{what} to return a series: {query}",
                    TimeSpan.FromSeconds(45));
                output.WriteLine($"{series,3} series  {what}");
            }
        }
        catch
        {
            lock (log) output.WriteLine(log.ToString());
            throw;
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A checkout paid and one declined at the sandbox, and a webhook whose signature does not verify.</summary>
    private static async Task SellCoffeeAsync(HostProcess host)
    {
        var shop = new Shop(host.Client(), host.Client());
        var coffee = await shop.CreateProductAsync($"MON-{Guid.NewGuid():N}"[..14], 340m, stock: 10);
        var buyer = await Buyer.SignUpAsync(host.Client());
        foreach (var outcome in new[] { "success", "failure" })
        {
            var order = await buyer.OrderAsync(await buyer.FillCartAsync(coffee.Id));
            using var paid = await buyer.OnSandboxPageAsync(await buyer.PayAsync(order.Id), outcome);
            Assert.True(paid.IsSuccessStatusCode || paid.StatusCode == HttpStatusCode.Redirect, $"{outcome}: {paid.StatusCode}");
        }
        using var forged = await host.Client().PostAsync("/api/payments/webhooks/sandbox", JsonContent.Create(new { reference = "forged", status = "success" }));
        Assert.False(forged.IsSuccessStatusCode);
    }

    private static async Task<int> SeriesAsync(HttpClient prometheus, string query)
    {
        using var response = await prometheus.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return 0; // still starting
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{query}: {body}"); // a query Prometheus cannot parse fails at once
        return body.GetProperty("data").GetProperty("result").GetArrayLength();
    }

    private static IEnumerable<(string What, string Query)> DashboardQueries()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "helm", "addispay", "dashboards", "addispay-overview.json")));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : default)
                yield return ($"panel \"{panel.GetProperty("title").GetString()}\"", Widen(target.GetProperty("expr").GetString()!.Replace("$module", ".+")));
    }

    /// <summary>
    /// The PrometheusRule's alerts as the chart writes them (templates/monitoring.yaml, with this release's scope), each
    /// without its threshold: the series it compares must exist, whether or not the alert would fire.
    /// </summary>
    private static IEnumerable<(string What, string Query)> AlertQueries()
    {
        var template = File.ReadAllText(Path.Combine(RepositoryRoot(), "helm", "addispay", "templates", "monitoring.yaml"));
        var alerts = Regex.Matches(template, @"- alert: (?<name>\w+)\n\s+expr: (?:\|\n(?<block>(?:\s{12,}.+\n)+)|(?<line>.+)\n)");
        Assert.Equal(Regex.Matches(template, "- alert: ").Count, alerts.Count);
        foreach (Match alert in alerts)
        {
            var expr = (alert.Groups["block"].Success ? alert.Groups["block"].Value : alert.Groups["line"].Value).Trim();
            expr = Regex.Replace(expr, @"\s*\{\{-\s*\$scope\s*\}\}", $"namespace=\"{Namespace}\", job=~\"addispay-.+\"");
            var threshold = Regex.Match(expr, @"^(?<series>.+?)\s*>\s*[0-9.]+$", RegexOptions.Singleline);
            Assert.True(threshold.Success, $"{alert.Groups["name"].Value}: no threshold in {expr}");
            yield return ($"alert {alert.Groups["name"].Value}", Widen(threshold.Groups["series"].Value));
        }
    }

    private static string Widen(string query) => NotProducedHere.Aggregate(query, (q, m) => q.Replace(m.Matcher, m.Widened));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("AddisPay.sln above " + AppContext.BaseDirectory);
    }
}
