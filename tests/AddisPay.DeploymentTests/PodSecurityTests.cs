namespace AddisPay.DeploymentTests;

/// <summary>
/// Every pod the chart can render meets the restricted Pod Security Standard, so the application's namespace can
/// enforce it (helm/addispay/README.md, "Pod Security"). The chart is rendered in both modes with every optional
/// feature on (ci/everything-values.yaml), and every document holding a pod template is checked, whatever its kind:
/// a pod added later is checked without this test changing.
/// </summary>
[Collection(nameof(Chart))]
public sealed class PodSecurityTests(Chart chart)
{
    /// <summary>
    /// The pods that can't meet the profile, by component, and why. Both need the node itself, both are off by default,
    /// and each has a namespace value of its own (securityChecks.kubeBench.namespace, logging.shipper.namespace) so the
    /// application's namespace can enforce the profile.
    /// </summary>
    public static readonly Dictionary<string, string> HostAccessExceptions = new()
    {
        // securityChecks.kubeBench: the CIS benchmark's node checks read the kubelet's flags from the host's process
        // table (hostPID) and the node's configuration files (hostPath) as root; runs in its own namespace.
        ["kube-bench"] = "reads the node's process table and configuration files as root (hostPID, hostPath)",
        // logging.shipper: Fluent Bit tails the container logs the kubelet writes on each node (/var/log, root's
        // 0640 files) and keeps its read offsets there (hostPath); a DaemonSet no restricted namespace admits.
        ["log-shipper"] = "tails the node's container log files as root (hostPath /var/log)"
    };

    private static readonly string Everything = Path.Combine(Chart.ChartDir, "ci", "everything-values.yaml");
    private static readonly Lock RenderLock = new();
    private static Dictionary<string, List<JsonObject>>? _rendered;

    public static TheoryData<string> Modes() => new(["all", "split"]);

    /// <summary>Both modes rendered once for the class, and validated against the Kubernetes models in one run.</summary>
    private List<JsonObject> EverythingOn(string mode)
    {
        lock (RenderLock)
        {
            _rendered ??= Render();
            return _rendered[mode];
        }
    }

    private Dictionary<string, List<JsonObject>> Render()
    {
        var files = new Dictionary<string, string>();
        foreach (var m in new[] { "all", "split" })
        {
            var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", "-f", Everything,
                "--set", $"mode={m}", "--api-versions", "monitoring.coreos.com/v1"]);
            Assert.True(code == 0, output);
            files[m] = chart.WriteTemp($"everything-{m}.yaml", output);
        }
        var (exit, report) = chart.Validate([.. files.Values]);
        Assert.True(exit == 0, report.ToJsonString());
        return files.ToDictionary(f => f.Key, f => JsonNode.Parse(File.ReadAllText(f.Value + ".json"))!.AsArray().Select(d => d!.AsObject()).ToList());
    }

    private static string Component(JsonObject document) =>
        (string?)document["metadata"]?["labels"]?["app.kubernetes.io/component"] ?? "";

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_pod_rendered_with_every_feature_on_meets_the_restricted_profile_but_the_two_host_access_ones(string mode)
    {
        var documents = EverythingOn(mode);
        // A kind this test doesn't know would carry its pods past it: every document with containers must be one it reads.
        Assert.All(documents.Where(d => d.ToJsonString().Contains("\"containers\"")), d => Assert.NotNull(RestrictedProfile.PodSpec(d)));

        var pods = documents.Where(d => RestrictedProfile.PodSpec(d) is not null).ToList();
        Assert.Equal(["CronJob", "DaemonSet", "Deployment", "Job", "Pod", "StatefulSet"], pods.Select(p => (string)p["kind"]!).Distinct().Order());
        var failing = new Dictionary<string, List<string>>();
        foreach (var pod in pods)
        {
            var violations = RestrictedProfile.Violations(RestrictedProfile.PodSpec(pod)!);
            if (violations.Count > 0) failing[$"{pod["kind"]} {Chart.Name(pod)} ({Component(pod)})"] = violations;
        }
        var unexpected = failing.Where(f => !HostAccessExceptions.Keys.Any(e => f.Key.EndsWith($"({e})"))).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Select(f => $"{f.Key}: {string.Join("; ", f.Value)}")));
        // The exceptions are real (each is rendered, and needs what it is excused for), so the list can't go stale.
        Assert.Equal(HostAccessExceptions.Keys.Order(), failing.Keys.Select(k => k[(k.LastIndexOf('(') + 1)..^1]).Order());
        // And each can be put outside the application's namespace, which can then enforce the profile.
        var outside = pods.Where(p => HostAccessExceptions.ContainsKey(Component(p))).ToList();
        Assert.Equal(HostAccessExceptions.Count, outside.Count);
        Assert.All(outside, p => Assert.NotEqual("addispay", (string?)p["metadata"]!["namespace"] ?? "addispay"));
        Assert.True(pods.Count - failing.Count >= (mode == "split" ? 14 : 5), $"{pods.Count - failing.Count} restricted pods");
    }

    [Fact]
    public void The_host_access_pods_are_off_by_default_and_run_in_their_own_namespaces_when_given()
    {
        foreach (var (scenario, documents) in chart.Documents)
        foreach (var pod in documents.Where(d => RestrictedProfile.PodSpec(d) is not null))
            Assert.True(RestrictedProfile.Violations(RestrictedProfile.PodSpec(pod)!).Count == 0,
                $"{scenario}: {pod["kind"]} {Chart.Name(pod)}: {string.Join("; ", RestrictedProfile.Violations(RestrictedProfile.PodSpec(pod)!))}");
        var everything = EverythingOn("all");
        var kubeBench = Assert.Single(everything, d => Component(d) == "kube-bench");
        Assert.Equal("kube-bench", (string?)kubeBench["metadata"]!["namespace"]);
        // The shipper and all it uses move together, and it still tails the application's namespace.
        var shipper = everything.Where(d => Component(d) == "log-shipper" && (string?)d["kind"] is not ("ClusterRole" or "ClusterRoleBinding")).ToList();
        Assert.Equal(["ConfigMap", "DaemonSet", "NetworkPolicy", "ServiceAccount"], shipper.Select(d => (string)d["kind"]!).Order());
        Assert.All(shipper, d => Assert.Equal("logging", (string?)d["metadata"]!["namespace"]));
        var binding = Assert.Single(everything, d => (string?)d["kind"] == "ClusterRoleBinding");
        Assert.Equal("logging", (string?)binding["subjects"]![0]!["namespace"]);
        var conf = (string)shipper.Single(d => (string?)d["kind"] == "ConfigMap")["data"]!["fluent-bit.conf"]!;
        Assert.Contains("/var/log/containers/*_addispay_addispay-*.log", conf);
    }

    private static (int Code, string Output) RenderMeshed(Chart chart, string podSecurity, bool cni) =>
        Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", .. Chart.Scenarios["production"],
            "--set", $"namespacePodSecurity={podSecurity}", "--set", $"istio.cni={cni.ToString().ToLowerInvariant()}"]);

    // Without Istio's CNI agent the injector adds istio-init (NET_ADMIN, NET_RAW): such a namespace would reject every pod.
    [Theory]
    [InlineData("restricted")]
    [InlineData("baseline")]
    public void Istio_without_its_CNI_agent_is_refused_for_a_namespace_that_does_not_admit_privileged_pods(string podSecurity)
    {
        var (code, output) = RenderMeshed(chart, podSecurity, cni: false);
        Assert.NotEqual(0, code);
        Assert.Contains($"istio-init container needing NET_ADMIN and NET_RAW, which a namespace enforcing the {podSecurity} Pod Security Standard", output);
    }

    [Theory]
    [InlineData("restricted", true)]
    [InlineData("privileged", false)]
    public void Istio_renders_with_its_CNI_agent_or_for_a_namespace_that_admits_privileged_pods(string podSecurity, bool cni)
    {
        var (code, output) = RenderMeshed(chart, podSecurity, cni);
        Assert.True(code == 0, output);
        Assert.Contains("sidecar.istio.io/inject: \"true\"", output);
    }

    [Fact]
    public void The_defaults_declare_a_restricted_namespace_and_Istio_with_its_CNI_agent_as_the_production_example_needs()
    {
        var (code, output) = Chart.Run(chart.Helm, ["show", "values", Chart.ChartDir]);
        Assert.True(code == 0, output);
        Assert.Contains("\nnamespacePodSecurity: restricted\n", output);
        Assert.Contains("\n  cni: true\n", output);
        Assert.Contains(chart.Documents["production"], d => (string?)d["kind"] == "PeerAuthentication");
    }

    [Fact]
    public void The_everything_on_values_turn_on_every_optional_feature_of_values_yaml()
    {
        static IEnumerable<string> Switches(JsonNode? node, string path, bool on) => node switch
        {
            JsonObject o => o.SelectMany(p => p.Key == "enabled" && p.Value is JsonValue v && v.TryGetValue<bool>(out var b) && b == on
                ? [path] : Switches(p.Value, path == "" ? p.Key : $"{path}.{p.Key}", on)),
            _ => []
        };
        JsonNode Load(string file)
        {
            var (code, output) = Chart.Run("node", [Path.Combine(Chart.Root, "tests", "chart", "yaml-to-json.mjs"), file]);
            Assert.True(code == 0, output);
            return JsonNode.Parse(output)!.AsArray()[0]!;
        }
        var off = Switches(Load(Path.Combine(Chart.ChartDir, "values.yaml")), "", on: false).ToList();
        Assert.Contains("securityChecks.kubeBench", off); // the walk finds them: the test can fail
        var turnedOn = Switches(Load(Everything), "", on: true).ToHashSet();
        Assert.Empty(off.Where(o => !turnedOn.Contains(o)));
    }

    [Fact]
    public void The_restricted_check_finds_each_way_a_pod_breaks_the_profile()
    {
        var compliant = RestrictedProfile.PodSpec(chart.OfKind("all", "Deployment").First())!;
        Assert.Empty(RestrictedProfile.Violations(compliant));
        List<string> Broken(Action<JsonObject> change)
        {
            var pod = compliant.DeepClone().AsObject();
            change(pod);
            return RestrictedProfile.Violations(pod);
        }
        JsonObject Container(JsonObject pod) => pod["containers"]![0]!.AsObject();
        JsonObject Context(JsonObject pod) => Container(pod)["securityContext"]!.AsObject();

        Assert.Contains(Broken(p => p["volumes"] = new JsonArray(new JsonObject { ["name"] = "logs", ["hostPath"] = new JsonObject { ["path"] = "/var/log" } })), v => v.Contains("hostPath"));
        Assert.Contains(Broken(p => p["hostNetwork"] = true), v => v.Contains("hostNetwork"));
        Assert.Contains(Broken(p => p["hostPID"] = true), v => v.Contains("hostPID"));
        Assert.Contains(Broken(p => Context(p)["privileged"] = true), v => v.Contains("privileged"));
        Assert.Contains(Broken(p => Context(p)["allowPrivilegeEscalation"] = true), v => v.Contains("allowPrivilegeEscalation"));
        Assert.Contains(Broken(p => Context(p).Remove("allowPrivilegeEscalation")), v => v.Contains("allowPrivilegeEscalation"));
        Assert.Contains(Broken(p => Context(p)["capabilities"] = new JsonObject { ["drop"] = new JsonArray("NET_RAW") }), v => v.Contains("drop ALL"));
        Assert.Contains(Broken(p => Context(p)["capabilities"]!["add"] = new JsonArray("SYS_ADMIN")), v => v.Contains("SYS_ADMIN"));
        Assert.Contains(Broken(p => p["securityContext"]!.AsObject().Remove("runAsNonRoot")), v => v.Contains("runAsNonRoot"));
        Assert.Contains(Broken(p => Context(p)["runAsUser"] = 0), v => v.Contains("runAsUser: 0"));
        Assert.Contains(Broken(p => p["securityContext"]!["seccompProfile"] = new JsonObject { ["type"] = "Unconfined" }), v => v.Contains("seccompProfile"));
        Assert.Contains(Broken(p => Container(p)["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["hostPort"] = 8080 })), v => v.Contains("hostPort"));
        Assert.Contains(Broken(p => p["initContainers"] = new JsonArray(new JsonObject { ["name"] = "init" })), v => v.StartsWith("init:"));
    }
}
