namespace AddisPay.DeploymentTests;

/// <summary>
/// What must hold for a move between shapes to leave no module without a ready pod (docs/operations.md, "Moving a
/// running shop between shapes"), checked on the renders of its three moments: before (the old shape), during (step
/// (a): the new shape with the old one retiring) and after (step (b): the new shape alone). Each check returns its
/// problems, so that a test can also show it catching a broken chart.
/// </summary>
public static class ShapeMoves
{
    /// <summary>The modules a Deployment runs (AddisPay__Modules).</summary>
    public static string[] Modules(JsonObject deployment) =>
        ((string)PodPorts.Container(deployment)["env"]!.AsArray().First(e => (string?)e!["name"] == "AddisPay__Modules")!["value"]!).Split(',');

    /// <summary>
    /// Objects that must not change between the three moments, so that the moves touch only Deployments: the Services
    /// (names, selectors, ports), the Ingresses (every route to a module's Service) and the NetworkPolicies.
    /// </summary>
    public static List<string> Unchanged(List<JsonObject> before, List<JsonObject> during, List<JsonObject> after)
    {
        var problems = new List<string>();
        foreach (var kind in new[] { "Service", "Ingress", "NetworkPolicy" })
        {
            var reference = Of(before, kind);
            if (reference.Count == 0) problems.Add($"no {kind} rendered");
            foreach (var (moment, docs) in new[] { ("during", during), ("after", after) })
            {
                var other = Of(docs, kind);
                foreach (var name in reference.Keys.Union(other.Keys).Order())
                    if (!reference.TryGetValue(name, out var a) || !other.TryGetValue(name, out var b) || !JsonNode.DeepEquals(a, b))
                        problems.Add($"{kind} {name} differs between before and {moment}");
            }
        }
        return problems;
    }

    /// <summary>
    /// During: every Deployment of both shapes, once, each exactly as in its own shape's render (step (a) rolls no old pod
    /// and step (b) no new one), with its HPA and PDB; the old shape's alone marked retiring. After: the new shape's only.
    /// </summary>
    public static List<string> Deployments(List<JsonObject> before, List<JsonObject> during, List<JsonObject> after)
    {
        var problems = new List<string>();
        var old = Of(before, "Deployment");
        var current = Of(after, "Deployment");
        var both = Of(during, "Deployment");
        if (PodPorts.Deployments(during).Count() != both.Count) problems.Add("during: a Deployment is rendered twice");
        foreach (var name in old.Keys.Union(current.Keys).Union(both.Keys).Order())
        {
            if (!both.TryGetValue(name, out var d)) { problems.Add($"during: {name} is missing"); continue; }
            var expected = current.GetValueOrDefault(name) ?? old.GetValueOrDefault(name);
            if (expected is null) { problems.Add($"during: {name} belongs to neither shape"); continue; }
            if (!JsonNode.DeepEquals(expected["spec"], d["spec"])) problems.Add($"during: {name}'s spec differs from its own shape's render (its pods would roll)");
            var retiring = (string?)d["metadata"]!["annotations"]?["addispay.et/retiring"] == "true";
            if (retiring != !current.ContainsKey(name)) problems.Add($"during: {name} is {(retiring ? "" : "not ")}marked retiring");
            if (!Of(during, "HorizontalPodAutoscaler").Values.Any(h => (string?)h["spec"]!["scaleTargetRef"]!["name"] == name))
                problems.Add($"during: {name} has no HorizontalPodAutoscaler");
            if (!Of(during, "PodDisruptionBudget").Values.Any(p => PodPorts.Selects(p["spec"]!["selector"]!["matchLabels"]!.AsObject(), PodPorts.PodLabels(d))))
                problems.Add($"during: {name} has no PodDisruptionBudget");
        }
        if (after.Any(d => d["metadata"]!["annotations"]?["addispay.et/retiring"] is not null))
            problems.Add("after: something is still retiring");
        return problems;
    }

    /// <summary>
    /// Each module's Service selects, at every moment, the pods of the Deployments running the module: during, those of
    /// both shapes (neither empty); before and after, their shape's one.
    /// </summary>
    public static List<string> Selection(List<JsonObject> before, List<JsonObject> during, List<JsonObject> after)
    {
        var problems = new List<string>();
        var modules = PodPorts.Deployments(after).SelectMany(Modules).Distinct().Order().ToList();
        if (modules.Count == 0) problems.Add("no module runs");
        foreach (var module in modules)
        {
            var service = $"shop-addispay-{module}";
            string[] Running(List<JsonObject> docs) => PodPorts.Deployments(docs).Where(d => Modules(d).Contains(module)).Select(Chart.Name).Order().ToArray();
            string[] Selected(List<JsonObject> docs) => PodPorts.DeploymentsOf(docs, service).Select(Chart.Name).Order().ToArray();
            foreach (var (moment, docs) in new[] { ("before", before), ("during", during), ("after", after) })
                if (!Selected(docs).SequenceEqual(Running(docs)))
                    problems.Add($"{moment}: {service} selects [{string.Join(", ", Selected(docs))}], {module} runs in [{string.Join(", ", Running(docs))}]");
            var duringSelected = Selected(during);
            if (!Running(before).All(duringSelected.Contains) || !Running(after).All(duringSelected.Contains))
                problems.Add($"during: {service} does not select the pods of both shapes running {module}");
        }
        return problems;
    }

    /// <summary>
    /// The connections the NetworkPolicies allow between the Deployments on the internal port, and the ones the code's
    /// requests need: from a pod running a caller to one running the callee, when the caller's pod does not run the
    /// callee itself (it calls in process). Problems: every difference, either way.
    /// </summary>
    public static List<string> Reach(List<JsonObject> documents, IReadOnlySet<(string From, string To)> requests, int internalPort)
    {
        var deployments = PodPorts.Deployments(documents).ToList();
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var from in deployments)
        foreach (var to in deployments)
        {
            var (source, target) = (Modules(from), Modules(to));
            if (requests.Any(r => source.Contains(r.From) && target.Contains(r.To) && !source.Contains(r.To)))
                expected.Add($"{Chart.Name(from)} → {Chart.Name(to)}");
        }
        var allowed = NetworkReach.Between(documents, internalPort);
        return allowed.Except(expected).Select(e => $"allowed but not called: {e}")
            .Concat(expected.Except(allowed).Select(e => $"called but not allowed: {e}")).ToList();
    }

    private static Dictionary<string, JsonObject> Of(IEnumerable<JsonObject> documents, string kind) =>
        documents.Where(d => (string?)d["kind"] == kind).GroupBy(Chart.Name).ToDictionary(g => g.Key, g => g.First());
}
