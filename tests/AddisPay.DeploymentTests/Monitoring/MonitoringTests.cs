using System.Text.RegularExpressions;

namespace AddisPay.DeploymentTests.Monitoring;

/// <summary>
/// Monitoring that installs on any cluster: the Prometheus operator's objects only where its API is served (or a value
/// says so), scrape annotations otherwise; alert rules that see their own release only, unit-tested with the real
/// promtool; and, under Istio STRICT mTLS, a scrape path that does not need a client certificate.
/// </summary>
[Collection(nameof(Chart))]
public sealed class MonitoringTests(Chart chart)
{
    [Fact]
    public void Operator_objects_render_only_where_the_cluster_serves_monitoring_coreos_com_and_annotations_otherwise()
    {
        // "split" is rendered for a bare cluster, "all" for one with the operator.
        Assert.Empty(chart.OfKind("split", "ServiceMonitor"));
        Assert.Empty(chart.OfKind("split", "PrometheusRule"));
        Assert.All(chart.OfKind("split", "Deployment"), d =>
        {
            var annotations = d["spec"]!["template"]!["metadata"]!["annotations"]!;
            Assert.Equal("true", (string?)annotations["prometheus.io/scrape"]);
            Assert.Equal("8081", (string?)annotations["prometheus.io/port"]); // /metrics answers only on the internal port
            Assert.Equal("/metrics", (string?)annotations["prometheus.io/path"]);
        });
        Assert.Single(chart.OfKind("all", "ServiceMonitor"));
        Assert.Single(chart.OfKind("all", "PrometheusRule"));
        // With the operator and no mesh, only the ServiceMonitor scrapes: no second, annotation-driven scrape.
        Assert.Null(Assert.Single(chart.OfKind("all", "Deployment"))["spec"]!["template"]!["metadata"]!["annotations"]!["prometheus.io/scrape"]);

        // An explicit value wins over what the cluster serves, both ways.
        Assert.Contains("kind: ServiceMonitor", Render("--set", "metrics.prometheusOperator=true"));
        var off = Render("--api-versions", "monitoring.coreos.com/v1", "--set", "metrics.prometheusOperator=false");
        Assert.DoesNotContain("kind: ServiceMonitor", off);
        Assert.DoesNotContain("kind: PrometheusRule", off);
        Assert.Contains("prometheus.io/scrape: \"true\"", off);
    }

    [Fact]
    public void Every_alert_looks_only_at_the_series_of_its_own_release()
    {
        var rules = Rules("all");
        Assert.Equal(8, rules.Count);
        var services = chart.OfKind("all", "Service").Select(Chart.Name).Where(n => !n.EndsWith("-postgres")).ToList();
        foreach (var rule in rules)
        {
            var expr = (string)rule["expr"]!;
            var selectors = Regex.Matches(expr, @"\b[a-z_]+\{([^}]*)\}").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(selectors);
            foreach (var selector in selectors)
            {
                Assert.Contains("namespace=\"addispay\"", selector);
                var job = Regex.Match(selector, "job=~\"([^\"]+)\"").Groups[1].Value;
                // The ServiceMonitor names each target's job after its Service: the pattern takes all of them.
                Assert.All(services, s => Assert.Matches($"^(?:{job})$", s));
                Assert.DoesNotMatch($"^(?:{job})$", "other-addispay-all");
            }
            Assert.Contains("namespace", Regex.Match(expr, @"by \(([^)]*)\)").Groups[1].Value); // alerts say which release
        }
    }

    [Fact]
    public void Each_alert_fires_and_stays_quiet_as_its_promtool_unit_tests_expect()
    {
        var rules = new JsonObject { ["groups"] = Assert.Single(chart.OfKind("all", "PrometheusRule"))["spec"]!["groups"]!.DeepClone() };
        chart.WriteTemp("rules.json", rules.ToJsonString());
        var tests = File.ReadAllText(Path.Combine(Chart.Root, "tests", "AddisPay.DeploymentTests", "Monitoring", "alerts.test.yaml"));
        var testFile = chart.WriteTemp("alerts.test.yaml", tests);

        // Every alert of the chart has a case where it is quiet and one where it fires.
        foreach (var alert in Rules("all").Select(r => (string)r["alert"]!))
        {
            Assert.Matches($@"\{{ eval_time: \w+, alertname: {alert}, exp_alerts: \[\] \}}", tests);
            Assert.Matches($@"alertname: {alert}\n\s+exp_alerts:\n\s+- exp_labels", tests);
        }
        var (check, checkOutput) = Chart.Run("promtool", ["check", "rules", Path.Combine(Path.GetDirectoryName(testFile)!, "rules.json")]);
        Assert.True(check == 0, checkOutput);
        var (code, output) = Chart.Run("promtool", ["test", "rules", testFile]);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public void Under_istio_strict_mtls_helm_test_runs_in_the_mesh_and_prometheus_scrapes_the_merged_metrics_port()
    {
        Assert.Equal("STRICT", (string?)Assert.Single(chart.OfKind("production", "PeerAuthentication"))["spec"]!["mtls"]!["mode"]);

        // helm test: a sidecar (plain HTTP would be refused), started before the checks, stopped after them.
        var test = Assert.Single(chart.OfKind("production", "Pod"));
        Assert.Equal("true", (string?)test["metadata"]!["labels"]!["sidecar.istio.io/inject"]);
        Assert.Contains("\"holdApplicationUntilProxyStarts\": true", (string?)test["metadata"]!["annotations"]!["proxy.istio.io/config"]);
        var script = (string)test["spec"]!["containers"]![0]!["args"]![0]!;
        Assert.Matches(@"trap '[^']*http://127\.0\.0\.1:15020/quitquitquit[^']*' EXIT", script);
        Assert.True(script.IndexOf("trap", StringComparison.Ordinal) < script.IndexOf("/health/ready", StringComparison.Ordinal));

        // Scraping: the ServiceMonitor reads the sidecar agent's merged endpoint (app + Envoy, plain HTTP), which every
        // Service exposes and the pods' annotations feed (Istio merges what prometheus.io/* point at).
        var endpoint = Assert.Single(Assert.Single(chart.OfKind("production", "ServiceMonitor"))["spec"]!["endpoints"]!.AsArray())!;
        Assert.Equal("istio-metrics", (string?)endpoint["port"]);
        Assert.Equal("/stats/prometheus", (string?)endpoint["path"]);
        // The ServiceMonitor's Service (every pod once) exposes it; the module Services do not need it.
        var service = Assert.Single(chart.OfKind("production", "Service"), s => Chart.Name(s) == "shop-addispay-metrics");
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "istio-metrics" && (int)p["port"]! == 15020);
        foreach (var d in chart.OfKind("production", "Deployment"))
        {
            var name = Chart.Name(d);
            Assert.Equal("true", (string?)d["spec"]!["template"]!["metadata"]!["annotations"]!["prometheus.io/scrape"]);
            Assert.Contains(d, PodPorts.DeploymentsOf(chart.Documents["production"], "shop-addispay-metrics"));
            var policy = Assert.Single(chart.OfKind("production", "NetworkPolicy"), n => Chart.Name(n) == $"shop-addispay-{Env(d)}");
            var fromPrometheus = policy["spec"]!["ingress"]!.AsArray().Single(r => r!["from"]![0]!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]?.ToString() == "monitoring")!;
            Assert.Contains(15020, fromPrometheus["ports"]!.AsArray().Select(p => (int)p!["port"]!));
            Assert.True(ReachesIstiod(policy), $"{name}: its sidecar must reach istiod");
        }
        Assert.True(ReachesIstiod(Assert.Single(chart.OfKind("production", "NetworkPolicy"), n => Chart.Name(n).EndsWith("-test"))));
        // Without Istio nothing of this is rendered.
        Assert.DoesNotContain(chart.OfKind("all", "Service").SelectMany(s => s["spec"]!["ports"]!.AsArray()), p => (int)p!["port"]! == 15020);
        Assert.Null(Assert.Single(chart.OfKind("all", "Pod"))["metadata"]!["labels"]!["sidecar.istio.io/inject"]);
    }

    private static string Env(JsonObject deployment) =>
        (string)PodPorts.Container(deployment)["env"]!.AsArray().First(e => (string?)e!["name"] == "AddisPay__Modules")!["value"]!;

    private static bool ReachesIstiod(JsonNode policy) => policy["spec"]!["egress"]!.AsArray().Any(r =>
        r!["to"]?.AsArray().Any(t => (string?)t!["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"] == "istio-system") == true
        && r["ports"]!.AsArray().Any(p => (int)p!["port"]! == 15012));

    private List<JsonNode> Rules(string scenario) =>
        Assert.Single(chart.OfKind(scenario, "PrometheusRule"))["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!).ToList();

    private string Render(params string[] args)
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", .. args]);
        Assert.True(code == 0, output);
        return output;
    }
}
