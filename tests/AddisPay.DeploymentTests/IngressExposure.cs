namespace AddisPay.DeploymentTests;

/// <summary>
/// What rendered Ingresses let the outside reach on AddisPay's own pods, by Kubernetes' path matching and by the port
/// each backend really lands on (<see cref="PodPorts"/>): a check over manifests, so it catches a route to the internal
/// port, or a catch-all to pods that serve everything on one port, however it was added.
/// </summary>
public static class IngressExposure
{
    /// <summary>Paths the Host serves that must stay inside the cluster.</summary>
    public static readonly string[] InternalPaths =
    [
        .. new[] { "cart", "notifications", "orders", "payments", "products", "recommendations", "reviews", "search", "storefront", "backoffice", "users" }
            .Select(module => $"/internal/{module}/requests/AnyRequest"),
        "/internal", "/metrics", "/health/ready", "/health/live"
    ];

    /// <summary>The API reference: internal too, unless a value publishes it.</summary>
    public static readonly string[] DocsPaths = ["/docs", "/docs/index.html", "/openapi/v1.json"];

    /// <summary>One path of an Ingress (or its default backend, as "/"): the Service and the Service port it names.</summary>
    public sealed record Route(string Path, string PathType, string Service, JsonNode Port);

    public static List<Route> Routes(IEnumerable<JsonObject> documents)
    {
        var routes = new List<Route>();
        foreach (var ingress in documents.Where(d => (string?)d["kind"] == "Ingress"))
        {
            if (ingress["spec"]!["defaultBackend"]?["service"] is JsonObject fallback) routes.Add(new("/", "Prefix", (string)fallback["name"]!, PortOf(fallback)));
            foreach (var rule in ingress["spec"]!["rules"]?.AsArray() ?? [])
            foreach (var path in rule!["http"]?["paths"]?.AsArray() ?? [])
                routes.Add(new((string?)path!["path"] ?? "/", (string?)path["pathType"] ?? "ImplementationSpecific",
                    (string)path["backend"]!["service"]!["name"]!, PortOf(path["backend"]!["service"]!.AsObject())));
        }
        return routes;
    }

    /// <summary>
    /// "request path → Ingress path → Service:port" for every given path some Ingress sends to an AddisPay pod's port
    /// that answers it; a backend port that leads to no container port counts too (it can't be shown safe).
    /// </summary>
    public static List<string> Exposed(IReadOnlyCollection<JsonObject> documents, IEnumerable<string> paths)
    {
        var exposed = new List<string>();
        var routes = Routes(documents);
        foreach (var request in paths)
        foreach (var route in routes.Where(r => Matches(r.Path, r.PathType, request)))
        {
            if (PodPorts.DeploymentOf(documents, route.Service) is not { } deployment) continue; // not AddisPay's
            var target = PodPorts.Target(documents, route.Service, route.Port);
            if (target is null || PodPorts.Serves(documents, deployment, target.Value, request))
                exposed.Add($"{request} → {route.Path} ({route.PathType}) → {route.Service}:{route.Port.ToJsonString()} (pod port {target?.ToString() ?? "unknown"})");
        }
        return exposed;
    }

    /// <summary>"Ingress path → Service:port" for every route that lands on an AddisPay pod's internal port (or on no known port).</summary>
    public static List<string> RoutesToTheInternalPort(IReadOnlyCollection<JsonObject> documents) =>
        Routes(documents)
            .Where(r => PodPorts.DeploymentOf(documents, r.Service) is { } deployment
                && (PodPorts.Target(documents, r.Service, r.Port) is not { } port || port == PodPorts.InternalPort(documents, deployment)))
            .Select(r => $"{r.Path} → {r.Service}:{r.Port.ToJsonString()}").ToList();

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

    /// <summary>The route a controller picks for a request: the longest matching Prefix/ImplementationSpecific path, an Exact one first.</summary>
    public static Route? Winner(IEnumerable<Route> routes, string request) =>
        routes.Where(r => Matches(r.Path, r.PathType, request))
            .OrderByDescending(r => r.PathType == "Exact").ThenByDescending(r => r.Path.TrimEnd('/').Length).FirstOrDefault();

    private static JsonNode PortOf(JsonObject service) =>
        (service["port"]?["number"] ?? service["port"]?["name"])?.DeepClone() ?? JsonValue.Create("(none)");
}
