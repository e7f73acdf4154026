namespace AddisPay.DeploymentTests;

/// <summary>
/// Which of the release's pods may open a connection to which, on which port, as Kubernetes enforces rendered
/// NetworkPolicies: allowed when the source's egress allows it (or no Egress policy selects the source) and the
/// target's ingress allows it (or no Ingress policy selects the target); a policy's podSelector and pod peers with
/// matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). Namespace and ipBlock peers never match the
/// release's own pods (pods have private addresses, which the chart's ipBlocks except).
/// </summary>
public static class NetworkReach
{
    /// <summary>Whether pods labelled <paramref name="source"/> may reach pods labelled <paramref name="target"/> on TCP <paramref name="port"/>.</summary>
    public static bool Allowed(IEnumerable<JsonObject> documents, JsonObject source, JsonObject target, int port)
    {
        var policies = documents.Where(d => (string?)d["kind"] == "NetworkPolicy").ToList();
        return Direction(policies, source, "Egress", "egress", "to", target, port)
            && Direction(policies, target, "Ingress", "ingress", "from", source, port);
    }

    /// <summary>The connections between the release's Deployments on a port: "source → target" by Deployment name.</summary>
    public static SortedSet<string> Between(IReadOnlyCollection<JsonObject> documents, int port)
    {
        var deployments = PodPorts.Deployments(documents).ToList();
        var edges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var from in deployments)
        foreach (var to in deployments)
            if (Allowed(documents, PodPorts.PodLabels(from), PodPorts.PodLabels(to), port))
                edges.Add($"{Chart.Name(from)} → {Chart.Name(to)}");
        return edges;
    }

    public static bool Matches(JsonNode? selector, JsonObject labels)
    {
        if (selector is null) return false;
        foreach (var (key, value) in selector["matchLabels"]?.AsObject() ?? [])
            if ((string?)labels[key] != (string?)value) return false;
        foreach (var e in selector["matchExpressions"]?.AsArray() ?? [])
        {
            var key = (string)e!["key"]!;
            var values = e["values"]?.AsArray().Select(v => (string)v!).ToList() ?? [];
            var has = labels[key] is not null;
            var ok = (string)e["operator"]! switch
            {
                "In" => has && values.Contains((string)labels[key]!),
                "NotIn" => !has || !values.Contains((string)labels[key]!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var other => throw new InvalidOperationException($"unknown operator {other}")
            };
            if (!ok) return false;
        }
        return true;
    }

    private static bool Direction(List<JsonObject> policies, JsonObject pod, string type, string rules, string peers, JsonObject other, int port)
    {
        var selecting = policies.Where(p => p["spec"]!["policyTypes"]!.AsArray().Any(t => (string?)t == type)
            && Matches(p["spec"]!["podSelector"], pod)).ToList();
        if (selecting.Count == 0) return true;
        return selecting.SelectMany(p => p["spec"]![rules]?.AsArray() ?? []).Any(rule =>
            (rule![peers] is not JsonArray list || list.Any(peer => peer!["namespaceSelector"] is null && peer["ipBlock"] is null && Matches(peer["podSelector"], other)))
            && (rule["ports"] is not JsonArray ports || ports.Any(p => (string?)p!["protocol"] is null or "TCP" && (int?)p["port"] == port)));
    }
}
