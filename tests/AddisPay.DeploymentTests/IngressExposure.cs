using System.Text.Json.Nodes;

namespace AddisPay.DeploymentTests;

/// <summary>
/// What rendered Ingresses let the outside reach on AddisPay's own Services (those selecting a Deployment of the
/// release), by Kubernetes' path matching: a check over manifests, so it catches a catch-all however it was added.
/// </summary>
public static class IngressExposure
{
    /// <summary>Paths the API serves that must stay inside the cluster.</summary>
    public static readonly string[] InternalPaths =
    [
        .. new[] { "cart", "notifications", "orders", "payments", "products", "recommendations", "reviews", "search", "storefront", "users" }
            .Select(module => $"/internal/{module}/requests/AnyRequest"),
        "/internal", "/metrics", "/health/ready", "/health/live"
    ];

    /// <summary>The API reference: internal too, unless a value publishes it.</summary>
    public static readonly string[] DocsPaths = ["/docs", "/docs/index.html", "/openapi/v1.json"];

    /// <summary>"request path → Ingress path → Service" for every internal path some Ingress routes to an API Service.</summary>
    public static List<string> Exposed(IReadOnlyCollection<JsonObject> documents, IEnumerable<string> paths)
    {
        var deploymentLabels = documents.Where(d => (string?)d["kind"] == "Deployment")
            .Select(d => d["spec"]!["selector"]!["matchLabels"]!.AsObject()).ToList();
        var apiServices = documents.Where(d => (string?)d["kind"] == "Service" && d["spec"]?["selector"] is JsonObject selector
                && deploymentLabels.Any(labels => labels.All(kv => (string?)selector[kv.Key] == (string?)kv.Value)))
            .Select(Chart.Name).ToHashSet();
        var routes = new List<(string Path, string PathType, string Service)>();
        foreach (var ingress in documents.Where(d => (string?)d["kind"] == "Ingress"))
        {
            if ((string?)ingress["spec"]!["defaultBackend"]?["service"]?["name"] is { } fallback) routes.Add(("/", "Prefix", fallback));
            foreach (var rule in ingress["spec"]!["rules"]?.AsArray() ?? [])
            foreach (var path in rule!["http"]?["paths"]?.AsArray() ?? [])
                routes.Add(((string?)path!["path"] ?? "/", (string?)path["pathType"] ?? "ImplementationSpecific", (string)path["backend"]!["service"]!["name"]!));
        }
        return paths.SelectMany(request => routes.Where(r => apiServices.Contains(r.Service) && Matches(r.Path, r.PathType, request))
            .Select(r => $"{request} → {r.Path} ({r.PathType}) → {r.Service}")).ToList();
    }

    /// <summary>Kubernetes' Ingress matching; ImplementationSpecific taken as widely as a controller may read it (a prefix, or anything if a pattern).</summary>
    public static bool Matches(string rulePath, string pathType, string request)
    {
        switch (pathType)
        {
            case "Exact":
                return request == rulePath;
            case "Prefix":
                var prefix = rulePath.TrimEnd('/');
                return prefix.Length == 0 || request == prefix || request.StartsWith(prefix + "/", StringComparison.Ordinal);
            default:
                return rulePath.IndexOfAny(['*', '(', '[', '.', '$', '^', '|', '?', '+']) >= 0 || request.StartsWith(rulePath, StringComparison.Ordinal);
        }
    }
}
