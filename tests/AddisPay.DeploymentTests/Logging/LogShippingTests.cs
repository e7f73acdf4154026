using System.Text.Json;
using System.Text.RegularExpressions;

namespace AddisPay.DeploymentTests.Logging;

/// <summary>
/// The optional log shipper (Fluent Bit into Elasticsearch, directly or through Logstash) and what Elasticsearch and
/// Kibana are given: rendered with real helm and validated against the Kubernetes models like the rest of the chart.
/// Fluent Bit, Logstash, Elasticsearch and Kibana themselves cannot be installed here; their configuration's shape is
/// what is checked, and the Host's real output is checked against the index template in the integration tests.
/// </summary>
[Collection(nameof(Chart))]
public sealed class LogShippingTests(Chart chart)
{
    private static readonly string[] Direct =
    [
        "--set", "logging.shipper.enabled=true", "--set", "logging.shipper.elasticsearch.host=es-http.elastic",
        "--set", "logging.shipper.credentials.existingSecret=addispay-logs", "--set", "logging.setup.enabled=true",
        "--set", "logging.setup.kibanaUrl=https://kibana.elastic:5601", "--set", "logging.elasticsearch.retention=14d"
    ];

    private static readonly string[] ThroughLogstash =
    [
        "-f", Path.Combine(Chart.ChartDir, "ci", "production-values.yaml"), "--set", "logging.shipper.enabled=true",
        "--set", "logging.shipper.output=logstash", "--set", "logging.shipper.logstash.host=logstash.elastic",
        "--set", "logging.shipper.credentials.existingSecret=addispay-logs"
    ];

    private static readonly Lazy<IndexTemplate> Template = new(() => IndexTemplate.Load(IndexTemplate.PathIn(Chart.Root)));

    [Fact]
    public void Log_shipping_is_off_by_default()
    {
        foreach (var scenario in Chart.Scenarios.Keys)
        {
            Assert.Empty(chart.OfKind(scenario, "DaemonSet"));
            Assert.DoesNotContain(chart.OfKind(scenario, "ConfigMap"), c => Chart.Name(c).EndsWith("-logging"));
        }
    }

    [Fact]
    public void The_shipper_tails_this_namespaces_addispay_containers_with_read_only_access_to_pod_metadata()
    {
        var rendered = Rendered();
        foreach (var (name, docs) in rendered)
        {
            var daemonSet = Assert.Single(docs, d => (string?)d["kind"] == "DaemonSet");
            var pod = daemonSet["spec"]!["template"]!["spec"]!.AsObject();
            var account = (string)pod["serviceAccountName"]!;
            Assert.Contains(docs, d => (string?)d["kind"] == "ServiceAccount" && Chart.Name(d) == account);
            var role = Assert.Single(docs, d => (string?)d["kind"] == "ClusterRole");
            var rule = Assert.Single(role["rules"]!.AsArray())!;
            Assert.Equal(["get", "list", "watch"], rule["verbs"]!.AsArray().Select(v => (string)v!));
            Assert.Equal(["namespaces", "pods"], rule["resources"]!.AsArray().Select(v => (string)v!).Order());
            var binding = Assert.Single(docs, d => (string?)d["kind"] == "ClusterRoleBinding");
            Assert.Equal(Chart.Name(role), (string?)binding["roleRef"]!["name"]);
            Assert.Equal(account, (string?)binding["subjects"]![0]!["name"]);
            Assert.Equal("addispay", (string?)binding["subjects"]![0]!["namespace"]);

            // Root only to read the node's log files: no capability, no escalation, nothing writable but its own state.
            var container = pod["containers"]![0]!;
            Assert.Equal(["ALL"], container["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(c => (string)c!));
            Assert.False((bool)container["securityContext"]!["allowPrivilegeEscalation"]!);
            Assert.True((bool)container["securityContext"]!["readOnlyRootFilesystem"]!);
            Assert.True((bool)container["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == "/var/log")!["readOnly"]!);
            foreach (var e in container["env"]!.AsArray())
                Assert.Equal("addispay-logs", (string?)e!["valueFrom"]!["secretKeyRef"]!["name"]); // credentials only by reference

            var config = Assert.Single(docs, d => (string?)d["kind"] == "ConfigMap" && Chart.Name(d).EndsWith("-log-shipper"));
            var conf = (string)config["data"]!["fluent-bit.conf"]!;
            Assert.Contains("Path              /var/log/containers/*_addispay_addispay-*.log,/var/log/containers/*_addispay_migrate-*.log", conf);
            Assert.Matches(@"Name\s+kubernetes", conf);
            Assert.Matches(@"Parser\s+addispay-ecs", conf);
            Assert.Matches(@"Time_Key\s+@timestamp", (string)config["data"]!["parsers.conf"]!);
            if (name == "direct")
            {
                Assert.Matches(@"Name\s+es\n", conf);
                Assert.Matches(@"Host\s+es-http\.elastic\n", conf);
                Assert.Matches(@"Index\s+logs-addispay-default\n", conf);
                Assert.Matches(@"Write_Operation\s+create", conf); // a data stream takes only creates
            }
            else
            {
                Assert.Matches(@"Name\s+http\n", conf);
                Assert.Matches(@"Host\s+logstash\.elastic\n", conf);
                Assert.DoesNotMatch(@"Name\s+es\n", conf);
                // Under Istio it keeps out of the mesh, as the other clients of services outside it do.
                Assert.Equal("false", (string?)daemonSet["spec"]!["template"]!["metadata"]!["labels"]!["sidecar.istio.io/inject"]);
            }
            var policy = Assert.Single(docs, d => (string?)d["kind"] == "NetworkPolicy" && Chart.Name(d).EndsWith("-log-shipper"));
            var ports = policy["spec"]!["egress"]!.AsArray().SelectMany(r => r!["ports"]!.AsArray()).Select(p => (int)p!["port"]!).ToList();
            Assert.Contains(name == "direct" ? 9200 : 8080, ports);
        }
    }

    [Fact]
    public void The_shipper_needs_a_secret_and_an_address_before_it_renders()
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "logging.shipper.enabled=true",
            "--set", "logging.shipper.elasticsearch.host=es"]);
        Assert.NotEqual(0, code);
        Assert.Contains("logging.shipper.credentials.existingSecret", output);
        (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "logging.shipper.enabled=true",
            "--set", "logging.shipper.credentials.existingSecret=s", "--set", "logging.shipper.output=logstash"]);
        Assert.NotEqual(0, code);
        Assert.Contains("logging.shipper.logstash.host", output);
        (code, _) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "logging.shipper.output=kafka"]);
        Assert.NotEqual(0, code);
    }

    [Fact]
    public void The_setup_job_loads_the_ilm_policy_with_the_configured_retention_the_template_and_kibanas_objects()
    {
        var docs = Rendered()["direct"];
        var data = Assert.Single(docs, d => (string?)d["kind"] == "ConfigMap" && Chart.Name(d).EndsWith("-logging"))["data"]!;
        var policy = JsonNode.Parse((string)data["ilm-policy.json"]!)!["policy"]!["phases"]!;
        Assert.Equal("14d", (string?)policy["delete"]!["min_age"]);
        Assert.Equal("1d", (string?)policy["hot"]!["actions"]!["rollover"]!["max_age"]);
        var template = JsonNode.Parse((string)data["index-template.json"]!)!;
        Assert.Equal("addispay-logs", (string?)template["template"]!["settings"]!["index.lifecycle.name"]);
        Assert.Equal(File.ReadAllText(Path.Combine(Chart.ChartDir, "logging", "kibana", "addispay.ndjson")).TrimEnd(), ((string)data["addispay.ndjson"]!).TrimEnd());

        var job = Assert.Single(docs, d => (string?)d["kind"] == "Job" && Chart.Name(d).EndsWith("-logging-setup"));
        Assert.Equal("post-install,post-upgrade", (string?)job["metadata"]!["annotations"]!["helm.sh/hook"]);
        var script = (string)job["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]![0]!;
        Assert.Contains("\"$es/_ilm/policy/addispay-logs\"", script); // the name the template's settings refer to
        Assert.Contains("\"$es/_index_template/addispay-logs\"", script);
        Assert.Contains("https://kibana.elastic:5601/api/saved_objects/_import?overwrite=true", script);
        Assert.StartsWith("https://es-http.elastic:9200", Regex.Match(script, "es=\"([^\"]+)\"").Groups[1].Value);
    }

    [Fact]
    public void The_index_template_covers_the_data_stream_both_paths_write_and_refuses_unmapped_fields_dynamically()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(IndexTemplate.PathIn(Chart.Root)));
        var pattern = doc.RootElement.GetProperty("index_patterns")[0].GetString()!;
        Assert.True(doc.RootElement.TryGetProperty("data_stream", out _));
        Assert.True(doc.RootElement.GetProperty("priority").GetInt32() > 100); // above Elasticsearch's built-in logs-*-*
        Assert.Equal("False", Template.Value.Dynamic);
        bool Covers(string index) => Regex.IsMatch(index, "^" + Regex.Escape(pattern).Replace(@"\*", ".*") + "$");
        Assert.True(Covers(Regex.Match(File.ReadAllText(Path.Combine(Chart.ChartDir, "values.yaml")), @"dataStream: (\S+)").Groups[1].Value));
        var logstash = File.ReadAllText(Path.Combine(Chart.ChartDir, "logging", "logstash", "addispay.conf"));
        string Setting(string name) => Regex.Match(logstash, name + @"\s*=>\s*""([^""]+)""").Groups[1].Value;
        Assert.True(Covers($"{Setting("data_stream_type")}-{Setting("data_stream_dataset")}-{Setting("data_stream_namespace")}"));
        // The http input's notes on the request would land on the records' own host.* and http.* fields.
        Assert.Contains("remote_host_target_field => \"[@metadata]", logstash);
        Assert.Contains("request_headers_target_field => \"[@metadata]", logstash);
        // The checker itself: a wrong type and an unmapped field are caught.
        using var line = JsonDocument.Parse("""{"http.response.status_code":"200","url":{"path":"/x"},"surprise":1,"addispay":{"properties":{"any":{"thing":[1,"a"]}}}}""");
        var problems = Template.Value.Problems(line.RootElement);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("http.response.status_code"));
        Assert.Contains(problems, p => p.StartsWith("surprise"));
    }

    [Fact]
    public void Kibana_objects_refer_only_to_each_other_and_to_fields_the_template_maps()
    {
        var lines = File.ReadAllLines(Path.Combine(Chart.ChartDir, "logging", "kibana", "addispay.ndjson")).Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var ids = lines.Select(o => ((string)o["type"]!, (string)o["id"]!)).ToHashSet();
        var dataView = Assert.Single(lines, o => (string?)o["type"] == "index-pattern");
        Assert.Equal("logs-addispay-*", (string?)dataView["attributes"]!["title"]);
        Assert.Equal("@timestamp", (string?)dataView["attributes"]!["timeFieldName"]);

        var fields = new List<string>();
        foreach (var o in lines)
        {
            foreach (var r in o["references"]!.AsArray())
                Assert.Contains(((string)r!["type"]!, (string)r["id"]!), ids);
            var attributes = o["attributes"]!;
            fields.AddRange(attributes["columns"]?.AsArray().Select(c => (string)c!) ?? []);
            fields.AddRange(attributes["sort"]?.AsArray().Select(s => (string)s![0]!) ?? []);
            if ((string?)attributes["kibanaSavedObjectMeta"]?["searchSourceJSON"] is { } source)
                fields.AddRange(QueryFields((string)JsonNode.Parse(source)!["query"]!["query"]!));
            if ((string?)attributes["visState"] is { } vis)
                fields.AddRange(JsonNode.Parse(vis)!["aggs"]!.AsArray().Select(a => (string?)a!["params"]!["field"]).OfType<string>());
            if ((string?)attributes["panelsJSON"] is { } panels)
                foreach (var p in JsonNode.Parse(panels)!.AsArray())
                    Assert.Contains(o["references"]!.AsArray(), r => ((string)r!["name"]!).EndsWith((string)p!["panelRefName"]!));
        }
        Assert.True(fields.Count > 20);
        foreach (var field in fields.Distinct())
            Assert.True(Template.Value.TypeOf(field) is { } t && t != "object", $"Kibana uses {field}, which the index template does not map");

        // A search per module of the chart, and a dashboard of errors by module, slow requests and payment failures.
        var modules = chart.OfKind("all", "Deployment").Single()["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .Single(e => (string?)e!["name"] == "AddisPay__Modules")!["value"]!.ToString().Split(',');
        foreach (var module in modules)
            Assert.Contains(lines, o => (string?)o["type"] == "search" && JsonNode.Parse((string)o["attributes"]!["kibanaSavedObjectMeta"]!["searchSourceJSON"]!)!["query"]!["query"]!.ToString() == $"addispay.module : \"{module}\"");
        var dashboard = Assert.Single(lines, o => (string?)o["type"] == "dashboard");
        var panelIds = dashboard["references"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.Contains("addispay-errors-by-module", panelIds);
        Assert.Contains("addispay-slow-requests", panelIds);
        Assert.Contains("addispay-payment-failures", panelIds);
    }

    private static IEnumerable<string> QueryFields(string kql) =>
        Regex.Matches(kql, @"(?<field>[@A-Za-z_][\w.@]*)\s*(:|>=|<=|>|<)").Select(m => m.Groups["field"].Value);

    private static Dictionary<string, List<JsonObject>>? _rendered;

    // Rendered and validated once for the class: the TypeScript check is the slow part.
    private Dictionary<string, List<JsonObject>> Rendered() => _rendered ??= RenderAndValidate(("direct", Direct), ("logstash", ThroughLogstash));

    private Dictionary<string, List<JsonObject>> RenderAndValidate(params (string Name, string[] Args)[] renders)
    {
        var files = new Dictionary<string, string>();
        foreach (var (name, args) in renders)
        {
            var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", .. args]);
            Assert.True(code == 0, $"helm template ({name}): {output}");
            var (lint, lintOutput) = Chart.Run(chart.Helm, ["lint", "--strict", Chart.ChartDir, .. args]);
            Assert.True(lint == 0, lintOutput);
            files[name] = chart.WriteTemp($"logging-{name}.yaml", output);
        }
        var (exit, report) = chart.Validate([.. files.Values]);
        Assert.True(exit == 0, report.ToJsonString());
        return files.ToDictionary(f => f.Key, f => JsonNode.Parse(File.ReadAllText(f.Value + ".json"))!.AsArray().Select(d => d!.AsObject()).ToList());
    }
}
