using System.Diagnostics;
using System.Text.Json;

namespace AddisPay.DeploymentTests;

/// <summary>
/// The Helm chart rendered with real `helm` for the four ways it is installed (all modules, split, groups of
/// modules, production) and for the middle step of three moves between shapes (<see cref="Moves"/>), and validated
/// against the Kubernetes, Istio and Prometheus-operator models.
/// </summary>
public sealed class Chart : IDisposable
{
    public static readonly string Root = FindRoot();
    public static readonly string ChartDir = Path.Combine(Root, "helm", "addispay");

    public static readonly Dictionary<string, string[]> Scenarios = new()
    {
        ["all"] = [],
        ["split"] = ["-f", Path.Combine(ChartDir, "ci", "split-values.yaml")],
        ["groups"] = ["-f", Path.Combine(ChartDir, "ci", "groups-values.yaml")],
        ["production"] = ["-f", Path.Combine(ChartDir, "ci", "production-values.yaml")]
    };

    /// <summary>
    /// What each scenario's cluster serves beyond Kubernetes itself (helm template's --api-versions): "split" is a bare
    /// cluster without the Prometheus operator, the others have it.
    /// </summary>
    public static readonly Dictionary<string, string[]> ClusterApis = new()
    {
        ["all"] = ["--api-versions", "monitoring.coreos.com/v1"],
        ["split"] = [],
        ["groups"] = ["--api-versions", "monitoring.coreos.com/v1"],
        ["production"] = ["--api-versions", "monitoring.coreos.com/v1"]
    };

    /// <summary>
    /// Moves between shapes, each the step (a) render of docs/operations.md's two upgrades: the new shape with the old
    /// one retiring beside it. Before is the old shape's render and After, step (b)'s, the new shape's alone. Rendered
    /// for a cluster with the Prometheus operator, like their Before and After ("split-with-operator" for split).
    /// </summary>
    public static readonly Dictionary<string, (string Before, string After, string[] During)> Moves = new()
    {
        ["all-to-groups"] = ("all", "groups", [.. Scenarios["groups"], "--set", "retiring.mode=all"]),
        // groups stays as it was (ci/groups-values.yaml): retiring.groups defaults to it.
        ["groups-to-split"] = ("groups", "split-with-operator", [.. Scenarios["groups"], .. Scenarios["split"], "--set", "retiring.mode=groups"]),
        ["split-to-all"] = ("split-with-operator", "all", [.. Scenarios["split"], "--set", "mode=all", "--set", "retiring.mode=split"])
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("addispay-chart-").FullName;

    public Chart()
    {
        var (toolsCode, toolsOutput) = Run("bash", [Path.Combine(Root, "scripts", "ensure-chart-tools.sh")]);
        // Its last line is helm's path only when it succeeded; a failure's last line is an error (once apt's, taken for helm).
        if (toolsCode != 0) throw new InvalidOperationException($"scripts/ensure-chart-tools.sh failed ({toolsCode}): {toolsOutput}");
        Helm = toolsOutput.Trim().Split('\n').Last();
        foreach (var (name, args) in Scenarios)
        {
            var (code, output) = Run(Helm, ["template", "shop", ChartDir, "--namespace", "addispay", .. args, .. ClusterApis[name]]);
            if (code != 0) throw new InvalidOperationException($"helm template ({name}) failed: {output}");
            var file = Path.Combine(_dir, $"{name}.yaml");
            File.WriteAllText(file, output);
            Files[name] = file;
        }
        var renders = Moves.Select(m => (m.Key, m.Value.During))
            .Append(("split-with-operator", Scenarios["split"]))
            // The move's middle step under Istio (its AuthorizationPolicies follow the Deployments of both shapes).
            .Append(("production-groups-to-split", [.. Scenarios["production"], .. Scenarios["groups"], "--set", "mode=split", "--set", "retiring.mode=groups"]));
        foreach (var (name, args) in renders)
        {
            var (code, output) = Run(Helm, ["template", "shop", ChartDir, "--namespace", "addispay", .. args, "--api-versions", "monitoring.coreos.com/v1"]);
            if (code != 0) throw new InvalidOperationException($"helm template ({name}) failed: {output}");
            var file = Path.Combine(_dir, $"{name}.yaml");
            File.WriteAllText(file, output);
            Files[name] = file;
        }
        var validation = Validate(Files.Values.ToArray());
        ValidationExitCode = validation.ExitCode;
        ValidationReport = validation.Report;
        foreach (var (name, file) in Files)
            Documents[name] = JsonNode.Parse(File.ReadAllText(file + ".json"))!.AsArray().Select(d => d!.AsObject()).ToList();
    }

    public string Helm { get; }
    public Dictionary<string, string> Files { get; } = new();
    public Dictionary<string, List<JsonObject>> Documents { get; } = new();
    public int ValidationExitCode { get; }
    public JsonObject ValidationReport { get; }

    public (int ExitCode, JsonObject Report) Validate(params string[] files)
    {
        var (code, output) = Run("node", [Path.Combine(Root, "tests", "chart", "validate.mjs"), .. files]);
        var json = output[output.IndexOf('{')..];
        return (code, JsonNode.Parse(json)!.AsObject());
    }

    public string WriteTemp(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public IEnumerable<JsonObject> OfKind(string scenario, string kind) =>
        Documents[scenario].Where(d => (string?)d["kind"] == kind);

    public static string Name(JsonObject doc) => (string)doc["metadata"]!["name"]!;

    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); throw new TimeoutException($"{file} timed out"); }
        return (p.ExitCode, stdout.Result + (p.ExitCode != 0 ? stderr.Result : ""));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AddisPay.sln not found");
    }
}

[Xunit.CollectionDefinition(nameof(Chart))]
public sealed class ChartCollection : Xunit.ICollectionFixture<Chart>;
