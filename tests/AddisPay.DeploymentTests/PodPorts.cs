namespace AddisPay.DeploymentTests;

/// <summary>
/// Where a reference to a port in rendered manifests really lands, as Kubernetes resolves it: a Service port (by
/// number or name) to its targetPort, a targetPort or probe port (a number, or a container port's name) to the
/// container's port of the Deployment the Service selects. And what that port serves: with AddisPay:InternalPort set,
/// /internal, /health and /metrics only on the internal port and everything else only on the others; unset, everything
/// everywhere.
/// </summary>
public static class PodPorts
{
    /// <summary>The paths the Host serves only on the internal port (src/Shared/AddisPay.Shared/Http/InternalPort.cs).</summary>
    public static readonly string[] PlatformPrefixes = ["/internal", "/health", "/metrics"];

    public static IEnumerable<JsonObject> Deployments(IEnumerable<JsonObject> documents) =>
        documents.Where(d => (string?)d["kind"] == "Deployment");

    public static JsonObject Container(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    /// <summary>A setting of the Deployment's container: its own env first, then its envFrom ConfigMaps (as the kubelet does).</summary>
    public static string? Setting(IReadOnlyCollection<JsonObject> documents, JsonObject deployment, string name)
    {
        var container = Container(deployment);
        if (container["env"]?.AsArray().FirstOrDefault(e => (string?)e!["name"] == name) is { } env) return (string?)env["value"];
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
            if ((string?)source!["configMapRef"]?["name"] is { } map
                && documents.FirstOrDefault(d => (string?)d["kind"] == "ConfigMap" && Chart.Name(d) == map)?["data"]?[name] is { } value)
                return (string?)value;
        return null;
    }

    /// <summary>AddisPay:InternalPort of the Deployment's pods, or null when one port serves everything.</summary>
    public static int? InternalPort(IReadOnlyCollection<JsonObject> documents, JsonObject deployment) =>
        int.TryParse(Setting(documents, deployment, "AddisPay__InternalPort"), out var port) && port > 0 ? port : null;

    /// <summary>A container port by number or by name (probes, targetPorts); null when the container has no such name.</summary>
    public static int? ContainerPort(JsonObject deployment, JsonNode? reference)
    {
        if (reference is JsonValue v && v.TryGetValue<int>(out var number)) return number;
        var name = (string?)reference;
        return (int?)Container(deployment)["ports"]?.AsArray().FirstOrDefault(p => (string?)p!["name"] == name)?["containerPort"];
    }

    /// <summary>
    /// The Deployments whose pods a Service selects (its selector a subset of the pod template's labels, as Kubernetes
    /// matches endpoints): a module's Service selects every Deployment running the module.
    /// </summary>
    public static List<JsonObject> DeploymentsOf(IEnumerable<JsonObject> documents, string service)
    {
        var docs = documents.ToList();
        if (docs.FirstOrDefault(d => (string?)d["kind"] == "Service" && Chart.Name(d) == service)?["spec"]?["selector"] is not JsonObject selector)
            return [];
        return Deployments(docs).Where(d => Selects(selector, PodLabels(d))).ToList();
    }

    /// <summary>The first Deployment a Service selects, or null when it selects none of the release's Deployments.</summary>
    public static JsonObject? DeploymentOf(IEnumerable<JsonObject> documents, string service) =>
        DeploymentsOf(documents, service).FirstOrDefault();

    public static JsonObject PodLabels(JsonObject deployment) => deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    /// <summary>Whether equality-based matchLabels select an object with these labels.</summary>
    public static bool Selects(JsonObject matchLabels, JsonObject labels) =>
        matchLabels.Count > 0 && matchLabels.All(kv => labels[kv.Key] is { } v && (string?)v == (string?)kv.Value);

    /// <summary>
    /// The container port a Service port (a number, or a port name as an Ingress backend may give) leads to, or null
    /// when the Service has no such port or its targetPort names no container port.
    /// </summary>
    public static int? Target(IEnumerable<JsonObject> documents, string service, JsonNode servicePort)
    {
        var docs = documents.ToList();
        var deployment = DeploymentOf(docs, service);
        var spec = docs.FirstOrDefault(d => (string?)d["kind"] == "Service" && Chart.Name(d) == service)?["spec"];
        if (deployment is null || spec is null) return null;
        var byNumber = servicePort is JsonValue v && v.TryGetValue<int>(out var number) ? number : (int?)null;
        var port = spec["ports"]?.AsArray().FirstOrDefault(p => byNumber is { } n ? (int)p!["port"]! == n : (string?)p!["name"] == (string?)servicePort);
        if (port is null) return null;
        return ContainerPort(deployment, port["targetPort"] ?? port["port"]);
    }

    /// <summary>Whether the pods answer a request for this path on this container port (the Host's InternalPort rule).</summary>
    public static bool Serves(IReadOnlyCollection<JsonObject> documents, JsonObject deployment, int containerPort, string path)
    {
        if (IsDocs(path) && Setting(documents, deployment, "AddisPay__ApiDocs") != "true") return false; // not mapped at all
        var platform = PlatformPrefixes.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase));
        return InternalPort(documents, deployment) is not { } internalPort || (containerPort == internalPort) == platform;
    }

    private static bool IsDocs(string path) => path.StartsWith("/docs", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal);
}
