namespace AddisPay.DeploymentTests;

/// <summary>
/// Moving a running shop between shapes with two upgrades (docs/operations.md): the module Services, the Ingress and
/// the NetworkPolicies never change; during the move each module's Service selects the pods of both shapes, and after it
/// only the new shape's; the policies admit exactly the pods that call each module, at every moment.
/// </summary>
[Collection(nameof(Chart))]
public sealed class ShapeMoveTests(Chart chart)
{
    public static TheoryData<string> Moves() => new(Chart.Moves.Keys);

    [Theory]
    [MemberData(nameof(Moves))]
    public void Services_ingress_and_network_policies_are_the_same_before_during_and_after_a_move(string move)
    {
        var (before, during, after) = Moments(move);
        Assert.Empty(ShapeMoves.Unchanged(before, during, after));
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void During_a_move_both_shapes_run_unchanged_beside_each_other_with_their_autoscalers_and_budgets(string move)
    {
        var (before, during, after) = Moments(move);
        Assert.Empty(ShapeMoves.Deployments(before, during, after));
        Assert.Contains(PodPorts.Deployments(during), d => d["metadata"]!["annotations"]?["addispay.et/retiring"] is not null);
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Each_modules_service_selects_the_pods_of_both_shapes_during_a_move_and_of_the_new_one_after(string move)
    {
        var (before, during, after) = Moments(move);
        Assert.Empty(ShapeMoves.Selection(before, during, after));
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Network_policies_admit_exactly_the_pods_calling_each_module_before_during_and_after_a_move(string move)
    {
        var requests = ContractsGraph.Requests();
        var (before, during, after) = Moments(move);
        foreach (var docs in new[] { before, during, after })
            Assert.Empty(ShapeMoves.Reach(docs, requests, 8081));
        Assert.NotEmpty(NetworkReach.Between(during, 8081)); // pods of the two shapes call each other: the check can fail
    }

    [Fact]
    public void A_deployment_both_shapes_have_is_rendered_once_and_one_running_other_modules_is_refused()
    {
        var during = chart.Documents["groups-to-split"];
        foreach (var alone in new[] { "notifications", "search", "backoffice" }) // alone in ci/groups-values.yaml, and in split
            Assert.Single(PodPorts.Deployments(during), d => Chart.Name(d) == $"shop-addispay-{alone}");
        Assert.Equal(13, PodPorts.Deployments(during).Count()); // split's eleven, and core and shop retiring

        // A group named after one of its modules, moving to split: the Deployment "orders" would lose payments in its rollout.
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "mode=split",
            "--set", "retiring.mode=groups", "--set", "retiring.groups.orders.modules={orders,payments}"]);
        Assert.NotEqual(0, code);
        Assert.Contains("Deployment \"orders\" runs orders in the new shape but orders,payments in the retiring one", output);
        (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "retiring.mode=sometimes"]);
        Assert.NotEqual(0, code);
        Assert.Contains("/retiring/mode", output);
    }

    [Fact]
    public void The_move_checks_catch_services_named_after_the_shape_and_policies_admitting_pods_that_call_in_process()
    {
        var requests = ContractsGraph.Requests();
        var (before, during, after) = Moments("all-to-groups");
        List<JsonObject> Copy(List<JsonObject> docs) => docs.Select(d => d.DeepClone().AsObject()).ToList();

        // Today's Services before this chart: one per Deployment, named and selecting by the shape's component.
        List<JsonObject> ByShape(List<JsonObject> docs)
        {
            var copy = Copy(docs).Where(d => (string?)d["kind"] != "Service").ToList();
            foreach (var d in PodPorts.Deployments(docs))
                copy.Add(new JsonObject
                {
                    ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = Chart.Name(d) },
                    ["spec"] = new JsonObject { ["selector"] = d["spec"]!["selector"]!["matchLabels"]!.DeepClone() }
                });
            return copy;
        }
        Assert.NotEmpty(ShapeMoves.Unchanged(ByShape(before), ByShape(during), ByShape(after)));
        Assert.NotEmpty(ShapeMoves.Selection(ByShape(before), ByShape(during), ByShape(after)));

        // A pod template that lost a module's label: its pods leave the module's Service.
        var unlabelled = Copy(during);
        PodPorts.PodLabels(PodPorts.Deployments(unlabelled).Single(d => Chart.Name(d) == "shop-addispay-all")).Remove("modules.addispay.et/cart");
        Assert.Contains(ShapeMoves.Selection(before, unlabelled, after), p => p.Contains("shop-addispay-cart"));

        // Policies without "and not running the module itself": a pod of "all" may reach another on its internal port.
        var loose = Copy(during);
        foreach (var policy in loose.Where(d => (string?)d["kind"] == "NetworkPolicy"))
        foreach (var rule in policy["spec"]!["ingress"]?.AsArray() ?? [])
        foreach (var peer in rule!["from"]!.AsArray())
            peer!["podSelector"]?.AsObject().Remove("matchExpressions");
        Assert.Contains("allowed but not called: shop-addispay-all → shop-addispay-all", ShapeMoves.Reach(loose, requests, 8081));
        // And one that forgets a caller: the storefront's pods can no longer reach search's.
        var strict = Copy(during);
        var search = strict.Single(d => (string?)d["kind"] == "NetworkPolicy" && Chart.Name(d) == "shop-addispay-search");
        var callers = search["spec"]!["ingress"]![1]!["from"]!.AsArray();
        callers.Remove(callers.Single(p => p!["podSelector"]?["matchLabels"]?["modules.addispay.et/storefront"] is not null));
        Assert.Contains("called but not allowed: shop-addispay-shop → shop-addispay-search", ShapeMoves.Reach(strict, requests, 8081));
    }

    [Fact]
    public void Istio_admits_to_each_deployment_during_a_move_the_service_accounts_of_both_shapes_pods_calling_it()
    {
        var requests = ContractsGraph.Requests();
        var documents = chart.Documents["production-groups-to-split"]; // validated with the others (ChartTests)
        var deployments = PodPorts.Deployments(documents).ToList();
        Assert.Equal(13, deployments.Count);
        foreach (var target in deployments)
        {
            var expected = deployments.Where(source => requests.Any(r => ShapeMoves.Modules(source).Contains(r.From)
                    && ShapeMoves.Modules(target).Contains(r.To) && !ShapeMoves.Modules(source).Contains(r.To)))
                .Select(source => $"cluster.local/ns/addispay/sa/{Chart.Name(source)}").Order().ToArray();
            var policy = documents.Single(d => (string?)d["kind"] == "AuthorizationPolicy" && Chart.Name(d) == Chart.Name(target));
            var principals = policy["spec"]!["rules"]!.AsArray().SelectMany(r => r!["from"]?.AsArray() ?? [])
                .SelectMany(f => f!["source"]!["principals"]?.AsArray() ?? []).Select(p => (string)p!)
                .Where(p => p.StartsWith("cluster.local/ns/addispay/sa/shop-addispay-")).Order().ToArray();
            Assert.Equal(expected, principals);
        }
        // The retiring core is called by the new storefront's pods, and the new cart's by the retiring shop's.
        Assert.Contains("cluster.local/ns/addispay/sa/shop-addispay-storefront", Principals(documents, "shop-addispay-core"));
        Assert.Contains("cluster.local/ns/addispay/sa/shop-addispay-shop", Principals(documents, "shop-addispay-cart"));
        // A DestinationRule per module Service, whatever the shapes.
        Assert.Equal(11, documents.Count(d => (string?)d["kind"] == "DestinationRule"));
    }

    private static string[] Principals(List<JsonObject> documents, string deployment) =>
        documents.Single(d => (string?)d["kind"] == "AuthorizationPolicy" && Chart.Name(d) == deployment)["spec"]!["rules"]!.AsArray()
            .SelectMany(r => r!["from"]?.AsArray() ?? []).SelectMany(f => f!["source"]!["principals"]?.AsArray() ?? []).Select(p => (string)p!).ToArray();

    private (List<JsonObject> Before, List<JsonObject> During, List<JsonObject> After) Moments(string move)
    {
        var (before, after, _) = Chart.Moves[move];
        return (chart.Documents[before], chart.Documents[move], chart.Documents[after]);
    }
}
