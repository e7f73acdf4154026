namespace AddisPay.DeploymentTests;

/// <summary>
/// The cluster checks run before a production deploy (scripts/cluster-security-check.sh): kube-bench as the chart's own
/// Job, and its result read into a pass or a fail. No cluster can be reached here: the Job is rendered with real helm
/// (and validated with every other pod in PodSecurityTests), and the result reading is run on kube-bench's JSON output.
/// </summary>
[Collection(nameof(Chart))]
public sealed class ClusterSecurityTests(Chart chart)
{
    [Fact]
    public void Kube_bench_runs_the_node_checks_on_the_named_node_reading_the_host_only_read_only()
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "addispay", Chart.ChartDir, "--namespace", "addispay-production",
            "--show-only", "templates/kube-bench.yaml", "--set", "securityChecks.kubeBench.enabled=true",
            "--set", "securityChecks.kubeBench.namespace=kube-bench", "--set", "securityChecks.kubeBench.nodeName=node-a",
            "--set", "securityChecks.kubeBench.benchmark=eks-1.2.0"]);
        Assert.True(code == 0, output);
        // Validated against the Kubernetes models with every other pod (PodSecurityTests renders it with every feature on).
        var file = chart.WriteTemp("kube-bench.yaml", output);
        var (parsed, json) = Chart.Run("node", [Path.Combine(Chart.Root, "tests", "chart", "yaml-to-json.mjs"), file]);
        Assert.True(parsed == 0, json);
        var job = Assert.Single(JsonNode.Parse(json)!.AsArray(), d => d is not null)!.AsObject();
        Assert.Equal("kube-bench", (string?)job["metadata"]!["namespace"]);
        var pod = job["spec"]!["template"]!["spec"]!;
        Assert.Equal("node-a", (string?)pod["nodeName"]);
        Assert.True((bool)pod["hostPID"]!);
        Assert.False((bool)pod["automountServiceAccountToken"]!); // node checks need no API access
        var container = pod["containers"]![0]!;
        Assert.Equal(["run", "--targets=node", "--benchmark=eks-1.2.0", "--json"], container["args"]!.AsArray().Select(a => (string)a!));
        Assert.All(container["volumeMounts"]!.AsArray(), m => Assert.True((bool)m!["readOnly"]!));
        Assert.Contains(pod["volumes"]!.AsArray(), v => (string?)v!["hostPath"]?["path"] == "/var/lib/kubelet");
        Assert.False((bool)container["securityContext"]!["allowPrivilegeEscalation"]!);
        // Off unless asked for, in every shipped scenario.
        Assert.All(chart.Documents.Values, docs => Assert.DoesNotContain(docs, d => (string?)d["metadata"]?["labels"]?["app.kubernetes.io/component"] == "kube-bench"));
    }

    /// <summary>
    /// A kubectl standing in for a cluster of two nodes: it answers the calls the script makes, keeps what it was asked
    /// to apply, and serves <c>FAKE_RESULT</c> as each Job's log.
    /// </summary>
    private const string FakeKubectl = """
        #!/usr/bin/env bash
        echo "$*" >> "$FAKE_DIR/calls"
        case "$*" in
          "get namespace kube-bench"*) [ -f "$FAKE_DIR/created" ]; exit ;;
          "get namespace "*) printf '%s' "$FAKE_ENFORCE" ;;
          "create namespace kube-bench") touch "$FAKE_DIR/created" ;;
          "get nodes"*) printf 'node-a\nnode-b\n' ;;
          "apply -f "*) cat "$3" >> "$FAKE_DIR/applied" ;;
          "get job "*) printf 'Complete ' ;;
          "logs "*) cat "$FAKE_RESULT" ;;
        esac
        exit 0
        """;

    [Fact]
    public void The_pre_deploy_check_runs_kube_bench_on_each_node_in_a_privileged_namespace_and_reads_each_result()
    {
        var dir = Directory.CreateTempSubdirectory("addispay-fake-cluster-").FullName;
        try
        {
            var kubectl = Path.Combine(dir, "kubectl");
            File.WriteAllText(kubectl, FakeKubectl);
            File.SetUnixFileMode(kubectl, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            (int, string) Check(string enforce, string result, string requireRestricted = "")
            {
                File.Delete(Path.Combine(dir, "created"));
                File.Delete(Path.Combine(dir, "applied"));
                File.Delete(Path.Combine(dir, "calls"));
                File.WriteAllText(Path.Combine(dir, "result.json"), result);
                return Chart.Run("env", [$"KUBECTL={kubectl}", $"FAKE_DIR={dir}", $"FAKE_ENFORCE={enforce}", $"FAKE_RESULT={Path.Combine(dir, "result.json")}",
                    $"ADDISPAY_REQUIRE_RESTRICTED_NAMESPACE={requireRestricted}", "bash", Path.Combine(Chart.Root, "scripts", "cluster-security-check.sh"), "production"]);
            }

            var (code, output) = Check("restricted", Result(("4.2.1", "PASS")));
            Assert.True(code == 0, output);
            Assert.Contains("namespace addispay-production enforces the restricted Pod Security Standard", output);
            var calls = File.ReadAllLines(Path.Combine(dir, "calls"));
            Assert.Contains("create namespace kube-bench", calls);
            Assert.Contains("label --overwrite namespace kube-bench pod-security.kubernetes.io/enforce=privileged", calls);
            var applied = File.ReadAllText(Path.Combine(dir, "applied"));
            Assert.Contains("nodeName: node-a", applied);
            Assert.Contains("nodeName: node-b", applied);
            Assert.Equal(2, calls.Count(c => c.StartsWith("logs job/addispay-kube-bench-")));

            (code, output) = Check("restricted", Result(("4.2.1", "PASS"), ("4.2.6", "FAIL")));
            Assert.NotEqual(0, code);
            Assert.Contains("FAIL 4.2.6", output);

            (code, output) = Check("baseline", Result(("4.2.1", "PASS")));
            Assert.True(code == 0, output);
            Assert.Contains("WARNING: namespace addispay-production does not enforce the restricted Pod Security Standard", output);
            Assert.NotEqual(0, Check("baseline", Result(("4.2.1", "PASS")), requireRestricted: "1").Item1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Result(params (string Number, string Status)[] results) => new JsonObject
    {
        ["Controls"] = new JsonArray(new JsonObject
        {
            ["id"] = "4", ["text"] = "Worker Node Security Configuration",
            ["tests"] = new JsonArray(new JsonObject
            {
                ["section"] = "4.2", ["desc"] = "Kubelet",
                ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                {
                    ["test_number"] = r.Number, ["test_desc"] = $"check {r.Number}", ["status"] = r.Status,
                    ["remediation"] = $"fix {r.Number}"
                }).ToArray())
            })
        }),
        ["Totals"] = new JsonObject { ["total_pass"] = results.Count(r => r.Status == "PASS") }
    }.ToJsonString();

    private (int Code, string Output) Report(string kubeBenchOutput, string maxFail = "0")
    {
        var file = chart.WriteTemp($"kube-bench-{Guid.NewGuid():N}.json", kubeBenchOutput);
        return Chart.Run("env", [$"KUBE_BENCH_MAX_FAIL={maxFail}", "bash", Path.Combine(Chart.Root, "scripts", "cluster-security-check.sh"), "--report", file]);
    }

    [Fact]
    public void A_failed_kube_bench_check_fails_the_deploy_and_is_named_with_its_remediation()
    {
        var (code, output) = Report(Result(("4.2.1", "PASS"), ("4.2.6", "FAIL"), ("4.2.9", "WARN")));
        Assert.NotEqual(0, code);
        Assert.Contains("FAIL 4.2.6 check 4.2.6", output);
        Assert.Contains("remediation: fix 4.2.6", output);
        Assert.Contains("1 pass, 1 fail, 1 warn", output);
        // An allowance (a managed cluster's known findings) lets that many through, and no more.
        Assert.Equal(0, Report(Result(("4.2.6", "FAIL")), maxFail: "1").Code);
        Assert.NotEqual(0, Report(Result(("4.2.6", "FAIL"), ("4.2.7", "FAIL")), maxFail: "1").Code);
    }

    [Fact]
    public void Passes_and_warnings_let_the_deploy_go_on_and_output_without_a_result_stops_it()
    {
        var (code, output) = Report("W1205 10:00:00 some log line\n" + Result(("4.2.1", "PASS"), ("4.2.9", "WARN")));
        Assert.True(code == 0, output);
        Assert.Contains("WARN 4.2.9", output);
        (code, output) = Report("error: unable to determine benchmark version");
        Assert.NotEqual(0, code);
        Assert.Contains("no result", output);
    }
}
