namespace AddisPay.DeploymentTests;

[Collection(nameof(Chart))]
public sealed class ChartTests(Chart chart)
{
    public static TheoryData<string> Scenarios() => new(Chart.Scenarios.Keys);

    /// <summary>The scenarios and the middle step of each move between shapes (both shapes' Deployments running).</summary>
    public static TheoryData<string> ScenariosAndMoves() => new(Chart.Scenarios.Keys.Concat(Chart.Moves.Keys));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Chart_passes_helm_lint_strict(string scenario)
    {
        var (code, output) = Chart.Run(chart.Helm, ["lint", "--strict", Chart.ChartDir, .. Chart.Scenarios[scenario]]);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Every_rendered_manifest_matches_the_Kubernetes_Istio_and_Prometheus_operator_models()
    {
        Assert.True(chart.ValidationExitCode == 0, chart.ValidationReport.ToJsonString());
        Assert.Empty(chart.ValidationReport["problems"]!.AsArray());
        Assert.True((int)chart.ValidationReport["documents"]! > 50);
        Assert.Contains(chart.Documents["production"], d => (string?)d["kind"] == "AuthorizationPolicy");
    }

    [Fact]
    public void The_validator_catches_unknown_fields_and_bad_values()
    {
        var broken = File.ReadAllText(chart.Files["all"])
            .Replace("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 30\n      restartPolicyy: Always")
            .Replace("type: ClusterIP", "type: ClusterIPX");
        var (code, report) = chart.Validate(chart.WriteTemp("broken.yaml", broken));
        Assert.NotEqual(0, code);
        var problems = report["problems"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Contains(problems, p => p.Contains("restartPolicyy"));
        Assert.Contains(problems, p => p.Contains("ClusterIPX") || p.Contains("allowed values"));
    }

    [Fact]
    public void Invalid_values_are_refused_by_the_schema()
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "mode=sometimes"]);
        Assert.NotEqual(0, code);
        Assert.Contains("mode", output);
        (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "modules.billing.enabled=true"]);
        Assert.NotEqual(0, code);
    }

    [Theory]
    [MemberData(nameof(ScenariosAndMoves))]
    public void Every_deployment_has_its_hpa_pdb_service_account_module_services_and_network_policies(string scenario)
    {
        var deployments = chart.OfKind(scenario, "Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var d in deployments)
        {
            var name = Chart.Name(d);
            var labels = d["spec"]!["selector"]!["matchLabels"]!.AsObject();
            Assert.Contains(chart.OfKind(scenario, "HorizontalPodAutoscaler"), h => (string?)h["spec"]!["scaleTargetRef"]!["name"] == name);
            Assert.Contains(chart.OfKind(scenario, "PodDisruptionBudget"), p => SameLabels(p["spec"]!["selector"]!["matchLabels"]!.AsObject(), labels));
            // Each module it runs: the module's Service and NetworkPolicy, named after the module, select its pods.
            foreach (var module in Env(d, "AddisPay__Modules")!.Split(','))
            {
                var service = Assert.Single(chart.OfKind(scenario, "Service"), s => Chart.Name(s) == $"shop-addispay-{module}");
                Assert.True(PodPorts.Selects(service["spec"]!["selector"]!.AsObject(), PodPorts.PodLabels(d)), $"{name}: {Chart.Name(service)}");
                var policy = Assert.Single(chart.OfKind(scenario, "NetworkPolicy"), n => Chart.Name(n) == $"shop-addispay-{module}");
                Assert.True(NetworkReach.Matches(policy["spec"]!["podSelector"], PodPorts.PodLabels(d)), $"{name}: {Chart.Name(policy)}");
            }
            var account = (string)d["spec"]!["template"]!["spec"]!["serviceAccountName"]!;
            var sa = Assert.Single(chart.OfKind(scenario, "ServiceAccount"), s => Chart.Name(s) == account);
            Assert.False((bool)sa["automountServiceAccountToken"]!);
            var probes = d["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();
            Assert.NotNull(probes["startupProbe"]);
            Assert.NotNull(probes["livenessProbe"]);
            Assert.Equal("/health/ready", (string?)probes["readinessProbe"]!["httpGet"]!["path"]);
            Assert.Equal("true", (string?)d["spec"]!["template"]!["metadata"]!["annotations"]!["cluster-autoscaler.kubernetes.io/safe-to-evict"]);
            Assert.Equal(2, d["spec"]!["template"]!["spec"]!["topologySpreadConstraints"]!.AsArray().Count);
        }
        // Default deny covers every pod of the release.
        Assert.Contains(chart.OfKind(scenario, "NetworkPolicy"), n => Chart.Name(n).EndsWith("-default-deny")
            && n["spec"]!["ingress"] is null && n["spec"]!["egress"] is null);
    }

    [Theory]
    [MemberData(nameof(ScenariosAndMoves))]
    public void No_container_can_run_as_root_or_gain_privileges(string scenario)
    {
        var pods = chart.Documents[scenario].Select(d => ((string)d["kind"]!, Chart.Name(d), PodSpec(d))).Where(p => p.Item3 is not null).ToList();
        Assert.True(pods.Count >= 4);
        foreach (var (kind, name, spec) in pods)
        {
            var pod = spec!["securityContext"]?.AsObject();
            Assert.True((bool?)pod?["runAsNonRoot"] == true, $"{kind} {name}: runAsNonRoot");
            Assert.NotEqual(0, (int?)pod?["runAsUser"] ?? -1);
            Assert.Equal("RuntimeDefault", (string?)pod?["seccompProfile"]?["type"]);
            foreach (var c in spec["containers"]!.AsArray().Concat(spec["initContainers"]?.AsArray() ?? []))
            {
                var sc = c!["securityContext"]!.AsObject();
                Assert.False((bool)sc["allowPrivilegeEscalation"]!, $"{kind} {name}");
                Assert.True((bool)sc["readOnlyRootFilesystem"]!, $"{kind} {name}");
                Assert.Equal(["ALL"], sc["capabilities"]!["drop"]!.AsArray().Select(x => (string)x!).ToArray());
                Assert.NotEqual(0, (int?)sc["runAsUser"] ?? -1);
                Assert.NotNull(c["resources"]?["requests"]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_module_has_its_ingress_path_to_its_own_service_selecting_the_pods_that_run_it(string scenario)
    {
        var ingress = Assert.Single(chart.OfKind(scenario, "Ingress"));
        var paths = ingress["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray()
            .ToDictionary(p => (string)p!["path"]!, p => (string)p!["backend"]!["service"]!["name"]!);
        var deployments = chart.OfKind(scenario, "Deployment").ToList();
        foreach (var d in deployments)
        {
            var modules = Env(d, "AddisPay__Modules")!.Split(',');
            foreach (var module in modules)
            {
                Assert.Equal($"shop-addispay-{module}", paths[$"/api/{module}"]); // named after the module, in every shape
                Assert.Contains(d, PodPorts.DeploymentsOf(chart.Documents[scenario], paths[$"/api/{module}"]));
            }
        }
        // The modules' public prefixes, "/admin" for the back office and "/" for the shop; no docs unless published.
        Assert.Equal(["/admin", "/"], paths.Keys.Where(p => !p.StartsWith("/api/")));
        Assert.Equal(13, paths.Count);
        Assert.NotNull(ingress["spec"]!["tls"]);
    }

    [Theory]
    [MemberData(nameof(ScenariosAndMoves))]
    public void No_ingress_rule_reaches_the_apis_internal_requests_metrics_health_or_docs(string scenario)
    {
        var documents = chart.Documents[scenario];
        Assert.Contains(IngressExposure.Routes(documents), r => r.Path == "/"); // the catch-all is there: this checks ports
        Assert.Empty(IngressExposure.Exposed(documents, [.. IngressExposure.InternalPaths, .. IngressExposure.DocsPaths]));
        Assert.Empty(IngressExposure.RoutesToTheInternalPort(documents));
        Assert.All(chart.OfKind(scenario, "Ingress"), i => Assert.Null(i["spec"]!["defaultBackend"]));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Slash_and_the_shops_pages_reach_the_pods_running_the_storefront_on_their_public_port(string scenario)
    {
        var documents = chart.Documents[scenario];
        var routes = IngressExposure.Routes(documents);
        foreach (var page in new[] { "/", "/product/teff-flour-5kg", "/cart", "/checkout", "/account/sign-in", "/_framework/blazor.web.js" })
        {
            var route = IngressExposure.Winner(routes, page);
            Assert.True(route is not null, $"{scenario}: nothing routes {page}");
            var deployment = PodPorts.DeploymentOf(documents, route.Service);
            Assert.True(deployment is not null, $"{scenario}: {page} goes to {route.Service}, no AddisPay Service");
            Assert.Contains("storefront", Env(deployment, "AddisPay__Modules")!.Split(','));
            var port = PodPorts.Target(documents, route.Service, route.Port);
            Assert.Equal(PodPorts.ContainerPort(deployment, JsonValue.Create("http")), port);
            Assert.NotEqual(PodPorts.InternalPort(documents, deployment), port);
        }
        // A longer prefix still wins: the API goes to the module's own Service.
        Assert.Equal("shop-addispay-products", IngressExposure.Winner(routes, "/api/products/42")!.Service);
        Assert.Contains("products", Env(PodPorts.DeploymentOf(documents, "shop-addispay-products")!, "AddisPay__Modules")!.Split(','));
    }

    [Theory]
    [InlineData("all", "shop-addispay-orders")]
    [InlineData("split", "shop-addispay-orders")]
    public void The_exposure_check_catches_routes_to_the_internal_port_and_a_catch_all_to_pods_serving_everything_on_one_port(string scenario, string apiService)
    {
        JsonObject Backend(string service, JsonNode port) => new()
        {
            ["service"] = new JsonObject
            {
                ["name"] = service,
                ["port"] = port is JsonValue v && v.TryGetValue<int>(out _) ? new JsonObject { ["number"] = port.DeepClone() } : new JsonObject { ["name"] = port.DeepClone() }
            }
        };
        List<JsonObject> With(Action<List<JsonObject>> change)
        {
            var docs = chart.Documents[scenario].Select(d => d.DeepClone().AsObject()).ToList();
            change(docs);
            return docs;
        }
        JsonArray Paths(List<JsonObject> docs) => docs.Single(d => (string?)d["kind"] == "Ingress")["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray();
        void Add(List<JsonObject> docs, string path, string type, JsonNode port) =>
            Paths(docs).Add(new JsonObject { ["path"] = path, ["pathType"] = type, ["backend"] = Backend(apiService, port) });

        foreach (var port in new JsonNode[] { JsonValue.Create(8081), JsonValue.Create("internal") })
        {
            var catchAll = With(d => Add(d, "/", "Prefix", port.DeepClone()));
            Assert.Equal(IngressExposure.InternalPaths.Length, IngressExposure.Exposed(catchAll, IngressExposure.InternalPaths).Count);
            Assert.Equal(["/"], IngressExposure.RoutesToTheInternalPort(catchAll).Select(r => r.Split(' ')[0]));
        }
        var fallback = With(d => d.Single(x => (string?)x["kind"] == "Ingress")["spec"]!["defaultBackend"] = Backend(apiService, JsonValue.Create(8081)));
        Assert.Contains(IngressExposure.Exposed(fallback, IngressExposure.InternalPaths), e => e.StartsWith("/internal/payments/requests/"));
        var metrics = With(d => Add(d, "/metrics", "Exact", JsonValue.Create(8081)));
        Assert.Equal(["/metrics"], IngressExposure.Exposed(metrics, IngressExposure.InternalPaths).Select(e => e.Split(' ')[0]));
        var pattern = With(d => Add(d, "/(api|internal)/.*", "ImplementationSpecific", JsonValue.Create("internal")));
        Assert.NotEmpty(IngressExposure.Exposed(pattern, IngressExposure.InternalPaths));
        // A port the Service does not have can't be shown safe.
        var unknown = With(d => Add(d, "/internal", "Prefix", JsonValue.Create(9999)));
        Assert.Contains(IngressExposure.Exposed(unknown, IngressExposure.InternalPaths), e => e.Contains("pod port unknown"));
        // The chart's own "/" to the public port is safe only because the pods answer /internal, /metrics and /health on
        // the internal port alone: without AddisPay__InternalPort it publishes every one of them.
        var onePort = With(d =>
        {
            foreach (var deployment in PodPorts.Deployments(d))
            {
                var env = PodPorts.Container(deployment)["env"]!.AsArray();
                env.Remove(env.Single(e => (string?)e!["name"] == "AddisPay__InternalPort"));
            }
        });
        Assert.Equal(IngressExposure.InternalPaths.Length, IngressExposure.Exposed(onePort, IngressExposure.InternalPaths).Count);
        Assert.Empty(IngressExposure.Exposed(chart.Documents[scenario], IngressExposure.InternalPaths));
        Assert.False(IngressExposure.Matches("/api/orders", "Prefix", "/api/ordersx/internal"));
    }

    [Theory]
    [InlineData("service.internalPort=8080", "would publish /internal, /metrics and /health")]
    [InlineData("service.port=9000,service.internalPort=9000", "would publish /internal, /metrics and /health")]
    [InlineData("ingress.storefront.serviceName=shop-storefront", "/ingress/storefront")] // the removed value: "/" is the storefront module's now
    // Istio with ingress-nginx admitted by the NetworkPolicy but the Istio gateway by the AuthorizationPolicies.
    [InlineData("istio.enabled=true", "is in namespace \"istio-system\" but networkPolicy.ingressController admits namespace \"ingress-nginx\"")]
    public void An_internal_port_that_is_also_a_public_one_a_mismatched_mesh_entry_and_the_removed_storefront_service_value_are_refused(string values, string refusal)
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", "--set", values]);
        Assert.NotEqual(0, code);
        Assert.Contains(refusal, output);
    }

    [Fact]
    public void Api_docs_are_published_only_when_a_value_says_so_and_slash_only_when_the_storefront_runs()
    {
        var rendered = RenderAndValidate(
            // The app serves its docs only when config.apiDocs says so (off by default), and the Ingress publishes them only then.
            ("docs-all", ["--set", "ingress.apiDocs=true", "--set", "config.apiDocs=true"]),
            ("docs-split", ["-f", Path.Combine(Chart.ChartDir, "ci", "split-values.yaml"), "--set", "ingress.apiDocs=true", "--set", "config.apiDocs=true"]),
            ("docs-production", ["-f", Path.Combine(Chart.ChartDir, "ci", "production-values.yaml"), "--set", "ingress.apiDocs=true", "--set", "config.apiDocs=true"]),
            ("docs-off-in-the-app", ["--set", "ingress.apiDocs=true"]),
            ("no-shop", ["-f", Path.Combine(Chart.ChartDir, "ci", "split-values.yaml"), "--set", "modules.storefront.enabled=false"]));

        var all = IngressPaths(rendered["docs-all"]);
        Assert.Equal("shop-addispay-storefront", all["/"]);
        Assert.Equal("shop-addispay-backoffice", all["/docs"]); // the first module's Service: in all mode, every module's pods
        Assert.Equal("shop-addispay-backoffice", all["/openapi"]);
        Assert.NotEmpty(IngressExposure.Exposed(rendered["docs-all"], IngressExposure.DocsPaths)); // published: the check sees them
        var split = IngressPaths(rendered["docs-split"]);
        Assert.Equal(["/", "/admin", "/docs", "/openapi"], split.Keys.Where(p => !p.StartsWith("/api/")).Order());
        Assert.Equal("shop-addispay-storefront", split["/"]);
        Assert.DoesNotContain("/docs", IngressPaths(rendered["docs-off-in-the-app"]).Keys); // nothing to route to
        Assert.Empty(IngressExposure.Exposed(rendered["docs-off-in-the-app"], IngressExposure.DocsPaths)); // "/" finds no docs either
        Assert.DoesNotContain("/", IngressPaths(rendered["no-shop"]).Keys);
        Assert.Equal(11, IngressPaths(rendered["no-shop"]).Count); // /api/<module> of the ten others, and the back office's /admin
        foreach (var docs in rendered.Values)
        {
            Assert.Empty(IngressExposure.Exposed(docs, IngressExposure.InternalPaths));
            Assert.Empty(IngressExposure.RoutesToTheInternalPort(docs));
        }
        // Istio lets the ingress gateway reach the docs only when the Ingress publishes them.
        Assert.Contains("/docs", GatewayPaths(rendered["docs-production"], "shop-addispay-products"));
        Assert.Equal(["/api/*"], GatewayPaths(chart.Documents["production"], "shop-addispay-products"));
    }

    [Fact]
    public void The_back_office_gets_an_ingress_of_its_own_with_its_host_and_address_allow_list_only_when_values_ask_for_them()
    {
        var rendered = RenderAndValidate(
            ("admin-host", ["-f", Path.Combine(Chart.ChartDir, "ci", "split-values.yaml"), "--set", "ingress.backOffice.host=admin.addispay.et",
                "--set", "ingress.backOffice.sourceRanges={196.188.0.0/16,10.0.0.0/8}"]),
            ("admin-ranges", ["--set", "ingress.backOffice.sourceRanges={196.188.0.0/16}"]));

        var own = Assert.Single(rendered["admin-host"], d => (string?)d["kind"] == "Ingress" && Chart.Name(d) == "shop-addispay-backoffice");
        Assert.Equal("196.188.0.0/16,10.0.0.0/8", (string?)own["metadata"]!["annotations"]!["nginx.ingress.kubernetes.io/whitelist-source-range"]);
        Assert.Equal("admin.addispay.et", (string?)own["spec"]!["rules"]![0]!["host"]);
        // On its own host it serves its pages' script and stylesheet too; the shop's Ingress no longer routes /admin.
        var paths = IngressPaths([own]);
        Assert.Equal(["/_content", "/_framework", "/admin"], paths.Keys.Order());
        Assert.All(paths.Values, service => Assert.Equal("shop-addispay-backoffice", service));
        Assert.DoesNotContain("/admin", IngressPaths(rendered["admin-host"].Where(d => Chart.Name(d) != "shop-addispay-backoffice")).Keys);
        // On the shop's host the allow-list alone still needs an Ingress of its own: only /admin, to the one Deployment.
        var ranged = Assert.Single(rendered["admin-ranges"], d => (string?)d["kind"] == "Ingress" && Chart.Name(d) == "shop-addispay-backoffice");
        Assert.Equal(new Dictionary<string, string> { ["/admin"] = "shop-addispay-backoffice" }, IngressPaths([ranged]));
        foreach (var docs in rendered.Values)
        {
            Assert.Empty(IngressExposure.Exposed(docs, IngressExposure.InternalPaths));
            Assert.Empty(IngressExposure.RoutesToTheInternalPort(docs));
        }
    }

    [Fact]
    public void Istio_lets_the_ingress_gateway_reach_only_the_public_port_and_outside_the_shop_only_the_public_prefixes()
    {
        var gateway = "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";
        var documents = chart.Documents["production"];
        foreach (var d in chart.OfKind("production", "Deployment"))
        {
            var name = Chart.Name(d);
            var shop = Env(d, "AddisPay__Modules")!.Split(',').Contains("storefront");
            var internalPort = PodPorts.InternalPort(documents, d)!.Value.ToString();
            var allow = chart.OfKind("production", "AuthorizationPolicy").Single(a => Chart.Name(a) == name)["spec"]!["rules"]!.AsArray();
            var fromGateway = allow.Where(r => r!["from"]?.AsArray().Any(f => f!["source"]!["principals"]!.AsArray().Any(p => (string?)p == gateway)) == true).ToList();
            var operation = Assert.Single(Assert.Single(fromGateway)!["to"]!.AsArray())!["operation"]!;
            Assert.Equal(["8080"], operation["ports"]!.AsArray().Select(p => (string)p!));
            // The shop's pods serve their pages at any path of the public port; the back office's its pages under /admin (and
            // their assets); the others only the API there.
            var backOffice = Env(d, "AddisPay__Modules")!.Split(',').Contains("backoffice");
            string[] publicPaths = shop ? [] : backOffice ? ["/api/*", "/admin", "/admin/*", "/_framework/*", "/_content/*"] : ["/api/*"];
            Assert.Equal(publicPaths, GatewayPaths(documents, name));
            // Everything else is on the internal port: other modules' requests, probes and scrapes.
            Assert.All(allow.Except(fromGateway), r => Assert.All(r!["to"]!.AsArray(), t =>
                Assert.Equal([internalPort], t!["operation"]!["ports"]!.AsArray().Select(p => (string)p!))));
            // Path rules hold only for HTTP: the internal Service port says it is, as its name does not tell Istio.
            foreach (var module in Env(d, "AddisPay__Modules")!.Split(','))
            {
                var service = Assert.Single(chart.OfKind("production", "Service"), s => Chart.Name(s) == $"shop-addispay-{module}");
                Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "internal" && (string?)p["appProtocol"] == "http");
            }

            // And a DENY (evaluated before any ALLOW) for every other port, and outside the shop every other path.
            var deny = Assert.Single(chart.OfKind("production", "AuthorizationPolicy"), a => Chart.Name(a) == $"{name}-public-only");
            Assert.Equal("DENY", (string?)deny["spec"]!["action"]);
            var rule = Assert.Single(deny["spec"]!["rules"]!.AsArray())!;
            Assert.Equal([gateway], rule["from"]![0]!["source"]!["principals"]!.AsArray().Select(p => (string)p!));
            var denied = rule["to"]!.AsArray().Select(t => t!["operation"]!.AsObject()).ToList();
            Assert.Equal(["8080"], Assert.Single(denied, o => o["notPorts"] is not null)["notPorts"]!.AsArray().Select(p => (string)p!));
            Assert.Equal(publicPaths, denied.Where(o => o["notPaths"] is not null).SelectMany(o => o["notPaths"]!.AsArray().Select(p => (string)p!)));
            Assert.Equal(d["spec"]!["selector"]!["matchLabels"]!.ToJsonString(), deny["spec"]!["selector"]!["matchLabels"]!.ToJsonString());
        }
    }

    [Theory]
    [MemberData(nameof(ScenariosAndMoves))]
    public void Probes_scrapes_helm_test_and_module_to_module_calls_use_the_internal_port(string scenario)
    {
        var documents = chart.Documents[scenario];
        var calls = 0;
        foreach (var d in chart.OfKind(scenario, "Deployment"))
        {
            var name = Chart.Name(d);
            var internalPort = PodPorts.InternalPort(documents, d);
            Assert.True(internalPort is > 0 and not 8080, $"{name}: AddisPay__InternalPort is {internalPort}");
            var container = PodPorts.Container(d);
            Assert.Equal([("http", 8080), ("internal", internalPort.Value)],
                container["ports"]!.AsArray().Select(p => ((string)p!["name"]!, (int)p["containerPort"]!)));
            // Kestrel listens on both ports.
            var urls = PodPorts.Setting(documents, d, "ASPNETCORE_URLS")!.Split(';').Select(u => new Uri(u.Replace("+", "0.0.0.0")).Port).Order();
            Assert.Equal([8080, internalPort.Value], urls);
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
                Assert.Equal(internalPort, PodPorts.ContainerPort(d, container[probe]!["httpGet"]!["port"]));
            // The Services of its modules expose both by name.
            foreach (var module in Env(d, "AddisPay__Modules")!.Split(','))
            {
                Assert.Equal(8080, PodPorts.Target(documents, $"shop-addispay-{module}", JsonValue.Create("http")));
                Assert.Equal(internalPort, PodPorts.Target(documents, $"shop-addispay-{module}", JsonValue.Create("internal")));
            }
            if ((string?)d["spec"]!["template"]!["metadata"]!["annotations"]!["prometheus.io/port"] is { } scraped)
                Assert.Equal(internalPort.ToString(), scraped);
            // Contracts requests to modules this pod does not run go to their Services' internal port.
            foreach (var e in container["env"]!.AsArray().Where(e => ((string)e!["name"]!).StartsWith("AddisPay__Endpoints__")))
            {
                var address = new Uri((string)e!["value"]!);
                var callee = PodPorts.DeploymentOf(documents, address.Host);
                Assert.True(callee is not null, $"{name}: {address} names no AddisPay Service");
                Assert.Equal(PodPorts.InternalPort(documents, callee), PodPorts.Target(documents, address.Host, JsonValue.Create(address.Port)));
                calls++;
            }
        }
        if (scenario != "all") Assert.True(calls > 20, $"{scenario}: {calls} module addresses"); // in all mode nothing crosses pods

        // The ServiceMonitor selects one Service, which selects every pod: each pod is scraped once (through the module
        // Services a pod running several modules would be scraped, and its series counted, once per module). Its
        // endpoint (without a mesh) is that Service's internal port.
        foreach (var monitor in chart.OfKind(scenario, "ServiceMonitor"))
        {
            var scraped = Assert.Single(chart.OfKind(scenario, "Service"), s => PodPorts.Selects(monitor["spec"]!["selector"]!["matchLabels"]!.AsObject(), s["metadata"]!["labels"]!.AsObject()));
            Assert.Equal(chart.OfKind(scenario, "Deployment").Select(Chart.Name), PodPorts.DeploymentsOf(documents, Chart.Name(scraped)).Select(Chart.Name));
            foreach (var endpoint in monitor["spec"]!["endpoints"]!.AsArray())
            {
                if ((string?)endpoint!["port"] == "istio-metrics") continue; // the sidecar's merged metrics (MonitoringTests)
                Assert.Equal("/metrics", (string?)endpoint["path"]);
                foreach (var d in chart.OfKind(scenario, "Deployment"))
                    Assert.Equal(PodPorts.InternalPort(documents, d), PodPorts.Target(documents, Chart.Name(scraped), endpoint["port"]!));
            }
        }
        // helm test asks every module's Service (its internal port) for /health/ready: each module has a ready pod.
        var script = (string)Assert.Single(chart.OfKind(scenario, "Pod"))["spec"]!["containers"]![0]!["args"]![0]!;
        var checks = System.Text.RegularExpressions.Regex.Matches(script, @"http://\S+/health/ready").Select(m => new Uri(m.Value)).ToList();
        Assert.Equal(chart.OfKind(scenario, "Deployment").SelectMany(d => Env(d, "AddisPay__Modules")!.Split(',')).Distinct().Select(m => $"shop-addispay-{m}").Order(), checks.Select(u => u.Host).Order());
        Assert.All(checks, u => Assert.Equal(PodPorts.InternalPort(documents, PodPorts.DeploymentOf(documents, u.Host)!), PodPorts.Target(documents, u.Host, JsonValue.Create(u.Port))));
    }

    [Theory]
    [MemberData(nameof(ScenariosAndMoves))]
    public void Network_policies_admit_the_ingress_controller_only_to_the_public_port_and_modules_prometheus_and_helm_test_only_to_the_internal_one(string scenario)
    {
        static int[] Ports(JsonNode rule) => rule["ports"]!.AsArray().Select(p => (int)p!["port"]!).Order().ToArray();
        static string? Namespace(JsonNode peer) => (string?)peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"];
        static string? Component(JsonNode peer) => (string?)peer["podSelector"]?["matchLabels"]?["app.kubernetes.io/component"];
        var documents = chart.Documents[scenario];
        var policies = chart.OfKind(scenario, "NetworkPolicy").ToList();
        foreach (var d in chart.OfKind(scenario, "Deployment"))
        foreach (var policy in policies.Where(p => p["spec"]!["ingress"] is not null && NetworkReach.Matches(p["spec"]!["podSelector"], PodPorts.PodLabels(d))))
        {
            var internalPort = PodPorts.InternalPort(documents, d)!.Value;
            var ingress = policy["spec"]!["ingress"]!.AsArray().Select(r => r!).ToList();
            // Every rule that lets the ingress controller in opens the public port and nothing else.
            // (ingress-nginx's namespace; in production, under Istio, the Istio ingress gateway's.)
            var controller = scenario == "production" ? "istio-system" : "ingress-nginx";
            var fromController = ingress.Where(r => r["from"]!.AsArray().Any(f => Namespace(f!) == controller)).ToList();
            Assert.NotEmpty(fromController);
            Assert.All(fromController, r => Assert.Equal([8080], Ports(r)));
            // The calling modules' pods and helm test: the internal port only.
            var fromPods = ingress.Where(r => r["from"]!.AsArray().Any(f => f!["podSelector"] is not null)).ToList();
            Assert.Contains(fromPods, r => r["from"]!.AsArray().Any(f => Component(f!) == "test"));
            Assert.All(fromPods, r => Assert.Equal([internalPort], Ports(r)));
            // Prometheus: the internal port (and, in the mesh, the sidecar's merged metrics), never the public one.
            var fromPrometheus = Assert.Single(ingress, r => r["from"]!.AsArray().Any(f => Namespace(f!) == "monitoring"));
            Assert.Contains(internalPort, Ports(fromPrometheus));
            Assert.DoesNotContain(8080, Ports(fromPrometheus));
            // Calls out to other modules go to their internal port.
            Assert.All(policy["spec"]!["egress"]!.AsArray().Where(r => r!["to"]?.AsArray().Any(t => t!["podSelector"] is not null && Component(t) != "postgres") == true),
                r => Assert.Equal([internalPort], Ports(r!)));
        }
        var test = policies.Single(p => Chart.Name(p).EndsWith("-test"));
        Assert.Equal([8081], Ports(test["spec"]!["egress"]!.AsArray().Single(r => r!["to"]?[0]?["podSelector"] is not null)!));
    }

    [Fact]
    public void Payments_return_origins_default_to_the_ingress_host_and_can_be_listed()
    {
        var config = Assert.Single(chart.OfKind("all", "ConfigMap"), c => Chart.Name(c).EndsWith("-config"));
        Assert.Equal("https://shop.addispay.et", (string?)config["data"]!["AddisPay__Payments__ReturnOrigins__0"]);
        Assert.Null(config["data"]!["AddisPay__Payments__ReturnOrigins__1"]);
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "payments.returnOrigins={https://shop.addispay.et,https://www.addispay.et}"]);
        Assert.True(code == 0, output);
        Assert.Contains("AddisPay__Payments__ReturnOrigins__1: \"https://www.addispay.et\"", output);
        (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", "payments.returnOrigins={https://shop.addispay.et/checkout}"]);
        Assert.NotEqual(0, code); // an origin, not a page
    }

    private Dictionary<string, List<JsonObject>> RenderAndValidate(params (string Name, string[] Args)[] renders)
    {
        var files = new Dictionary<string, string>();
        foreach (var (name, args) in renders)
        {
            var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay", .. args]);
            Assert.True(code == 0, $"helm template ({name}): {output}");
            files[name] = chart.WriteTemp($"{name}.yaml", output);
        }
        var (exit, report) = chart.Validate([.. files.Values]);
        Assert.True(exit == 0, report.ToJsonString());
        return files.ToDictionary(f => f.Key, f => JsonNode.Parse(File.ReadAllText(f.Value + ".json"))!.AsArray().Select(d => d!.AsObject()).ToList());
    }

    private static Dictionary<string, string> IngressPaths(IEnumerable<JsonObject> documents) =>
        documents.Where(d => (string?)d["kind"] == "Ingress").SelectMany(i => i["spec"]!["rules"]![0]!["http"]!["paths"]!.AsArray())
            .ToDictionary(p => (string)p!["path"]!, p => (string)p!["backend"]!["service"]!["name"]!);

    /// <summary>The paths the ALLOW policy of a Deployment opens to the ingress gateway.</summary>
    private static string[] GatewayPaths(IEnumerable<JsonObject> documents, string deployment) =>
        documents.Single(d => (string?)d["kind"] == "AuthorizationPolicy" && Chart.Name(d) == deployment)["spec"]!["rules"]!.AsArray()
            .Where(r => r!["from"]?.AsArray().Any(f => f!["source"]!["principals"]!.AsArray().Any(p => ((string)p!).Contains("ingressgateway"))) == true)
            .SelectMany(r => r!["to"]!.AsArray().SelectMany(t => t!["operation"]!["paths"]?.AsArray().Select(p => (string)p!) ?? [])).ToArray();

    [Fact]
    public void Only_the_pods_running_notifications_may_reach_smtp_and_the_sms_provider_outside_the_cluster()
    {
        static IEnumerable<int> OpenPorts(System.Text.Json.Nodes.JsonNode policy) => policy["spec"]!["egress"]!.AsArray()
            .Where(rule => rule!["to"] is null)
            .SelectMany(rule => rule!["ports"]!.AsArray().Select(p => (int)p!["port"]!));
        var policies = chart.OfKind("split", "NetworkPolicy").ToList();
        Assert.Equal([587, 465, 25, 443], OpenPorts(policies.Single(p => Chart.Name(p).EndsWith("-notifications"))).ToArray());
        Assert.Empty(OpenPorts(policies.Single(p => Chart.Name(p).EndsWith("-products"))));
        var config = Assert.Single(chart.OfKind("split", "ConfigMap"), c => Chart.Name(c).EndsWith("-config"));
        Assert.Equal("21:00", (string)config["data"]!["AddisPay__Notifications__QuietHours__Start"]!);
    }

    [Fact]
    public void Payments_pods_reach_chapa_and_telebirr_and_get_telebirrs_credentials_from_the_secret()
    {
        static int[] OutsidePorts(JsonNode policy) => policy["spec"]!["egress"]!.AsArray()
            .Where(rule => rule!["to"]?.AsArray().Any(t => (string?)t!["ipBlock"]?["cidr"] == "0.0.0.0/0") == true)
            .SelectMany(rule => rule!["ports"]!.AsArray().Select(p => (int)p!["port"]!)).Order().ToArray();
        var policies = chart.OfKind("split", "NetworkPolicy").ToList();
        Assert.Equal([443, 38443], OutsidePorts(policies.Single(p => Chart.Name(p).EndsWith("-payments")))); // telebirr's fabric API is on 38443
        Assert.Empty(OutsidePorts(policies.Single(p => Chart.Name(p).EndsWith("-orders"))));

        var payments = chart.OfKind("split", "Deployment").Single(d => Env(d, "AddisPay__Modules") == "payments");
        var env = payments["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        foreach (var (name, key) in new[] { ("FabricAppId", "telebirrFabricAppId"), ("AppSecret", "telebirrAppSecret"), ("PrivateKey", "telebirrPrivateKey"), ("PublicKey", "telebirrPublicKey") })
        {
            var e = env.Single(v => (string?)v!["name"] == $"AddisPay__Payments__Telebirr__{name}");
            Assert.Equal(key, (string?)e!["valueFrom"]!["secretKeyRef"]!["key"]);
        }
        var config = Assert.Single(chart.OfKind("split", "ConfigMap"), c => Chart.Name(c).EndsWith("-config"));
        Assert.Equal("https://superapp.ethiomobilemoney.et:38443/apiaccess/payment/gateway", (string?)config["data"]!["AddisPay__Payments__Telebirr__BaseUrl"]);
        Assert.Equal("", (string?)config["data"]!["AddisPay__Payments__Telebirr__MerchantCode"]); // telebirr stays off until configured
    }

    [Fact]
    public void Autoscalers_follow_cpu_and_follow_memory_only_where_a_memory_target_is_set()
    {
        static string[] Metrics(JsonObject hpa) => hpa["spec"]!["metrics"]!.AsArray().Select(m => (string)m!["resource"]!["name"]!).ToArray();
        foreach (var scenario in new[] { "all", "split" })
            Assert.All(chart.OfKind(scenario, "HorizontalPodAutoscaler"), h => Assert.Equal(["cpu"], Metrics(h)));
        var production = chart.OfKind("production", "HorizontalPodAutoscaler").ToDictionary(Chart.Name);
        var products = production.Single(h => h.Key.EndsWith("-products")).Value;
        Assert.Equal(["cpu", "memory"], Metrics(products));
        Assert.Equal(90, (int)products["spec"]!["metrics"]![1]!["resource"]!["target"]!["averageUtilization"]!);
        Assert.Equal(["cpu"], Metrics(production.Single(h => h.Key.EndsWith("-search")).Value));
    }

    [Fact]
    public void A_priority_class_named_for_a_module_reaches_only_that_modules_pods()
    {
        Assert.All(chart.OfKind("split", "Deployment"), d => Assert.Null(d["spec"]!["template"]!["spec"]!["priorityClassName"]));
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, .. Chart.Scenarios["split"],
            "--set", "defaults.priorityClassName=shop-normal", "--set", "modules.storefront.priorityClassName=shop-high"]);
        Assert.True(code == 0, output);
        var classes = output.Split("\n---").Where(d => System.Text.RegularExpressions.Regex.IsMatch(d, @"(?m)^kind: Deployment\s*$"))
            .Select(d => (Name: System.Text.RegularExpressions.Regex.Match(d, @"\n  name: (\S+)").Groups[1].Value,
                Class: System.Text.RegularExpressions.Regex.Match(d, @"priorityClassName: (\S+)").Groups[1].Value))
            .ToDictionary(x => x.Name, x => x.Class);
        Assert.Equal(11, classes.Count);
        Assert.Equal("shop-high", classes["shop-addispay-storefront"]);
        Assert.All(classes.Where(c => c.Key != "shop-addispay-storefront"), c => Assert.Equal("shop-normal", c.Value));
    }

    [Fact]
    public void All_mode_runs_every_module_in_one_deployment_and_split_mode_one_each_with_addresses_of_the_others()
    {
        Assert.Equal("backoffice,cart,notifications,orders,payments,products,recommendations,reviews,search,storefront,users", Env(Assert.Single(chart.OfKind("all", "Deployment")), "AddisPay__Modules"));
        var split = chart.OfKind("split", "Deployment").ToDictionary(d => Env(d, "AddisPay__Modules")!);
        Assert.Equal(["backoffice", "cart", "notifications", "orders", "payments", "products", "recommendations", "reviews", "search", "storefront", "users"], split.Keys.Order().ToArray());
        Assert.Equal("http://shop-addispay-products:8081", Env(split["cart"], "AddisPay__Endpoints__products"));
        Assert.Null(Env(split["cart"], "AddisPay__Endpoints__cart"));
        Assert.Equal(3, (int)chart.OfKind("split", "HorizontalPodAutoscaler").Single(h => Chart.Name(h).EndsWith("-products"))["spec"]!["minReplicas"]!);
    }

    [Fact]
    public void Groups_mode_runs_each_group_in_one_deployment_and_every_module_of_no_group_alone()
    {
        var deployments = chart.OfKind("groups", "Deployment").ToDictionary(Component, d => Env(d, "AddisPay__Modules"));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["core"] = "cart,orders,payments,products,users", ["shop"] = "recommendations,reviews,storefront",
            ["notifications"] = "notifications", ["search"] = "search", ["backoffice"] = "backoffice"
        }, deployments);
        var core = chart.OfKind("groups", "Deployment").Single(d => Component(d) == "core");
        Assert.Equal("http://shop-addispay-storefront:8081", Env(core, "AddisPay__Endpoints__storefront")); // the module's Service
        Assert.Equal("http://shop-addispay-search:8081", Env(core, "AddisPay__Endpoints__search"));
        Assert.Null(Env(core, "AddisPay__Endpoints__products")); // in its own process: no HTTP hop
        // The group's settings override the defaults; a module alone keeps the defaults.
        Assert.Equal(3, (int)chart.OfKind("groups", "HorizontalPodAutoscaler").Single(h => Chart.Name(h) == "shop-addispay-core")["spec"]!["minReplicas"]!);
        Assert.Equal(2, (int)chart.OfKind("groups", "HorizontalPodAutoscaler").Single(h => Chart.Name(h) == "shop-addispay-search")["spec"]!["minReplicas"]!);
    }

    [Fact]
    public void Groups_get_network_and_istio_policies_from_the_request_graph_collapsed_onto_their_deployments()
    {
        var code = ContractsGraph.Requests();
        var (exit, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--namespace", "addispay",
            .. Chart.Scenarios["production"], .. Chart.Scenarios["groups"], .. Chart.ClusterApis["production"]]);
        Assert.True(exit == 0, output);
        var file = chart.WriteTemp("groups-production.yaml", output);
        var (valid, report) = chart.Validate(file);
        Assert.True(valid == 0, report.ToJsonString());
        var documents = JsonNode.Parse(File.ReadAllText(file + ".json"))!.AsArray().Select(d => d!.AsObject()).ToList();
        var owner = documents.Where(d => (string?)d["kind"] == "Deployment")
            .SelectMany(d => Env(d, "AddisPay__Modules")!.Split(',').Select(m => (Module: m, Component: Component(d))))
            .ToDictionary(x => x.Module, x => x.Component);
        Assert.Equal(5, owner.Values.Distinct().Count());
        // Calls inside a group stay in its process; the rest become calls between Deployments.
        var expected = code.Select(e => (From: owner[e.From], To: owner[e.To])).Where(e => e.From != e.To).ToHashSet();
        Assert.Contains(("shop", "core"), expected); // the collapsed graph is not empty: the test can fail
        Assert.DoesNotContain(("core", "core"), expected);

        // The module policies, applied to the group's pods, let exactly these Deployments reach each other's internal port.
        Assert.Equal(expected.Select(e => $"shop-addispay-{e.From} → shop-addispay-{e.To}").Order(StringComparer.Ordinal), NetworkReach.Between(documents, 8081));
        Assert.Empty(ShapeMoves.Reach(documents, code, 8081));

        // Istio admits each Deployment's callers by their service accounts, and nobody else's.
        foreach (var component in owner.Values.Distinct())
        {
            var policy = documents.Single(d => (string?)d["kind"] == "AuthorizationPolicy" && Chart.Name(d) == $"shop-addispay-{component}");
            var principals = policy["spec"]!["rules"]!.AsArray().Skip(1).SelectMany(r => r!["from"]?.AsArray() ?? [])
                .SelectMany(f => f!["source"]!["principals"]?.AsArray() ?? []).Select(p => (string)p!)
                .Where(p => p.StartsWith("cluster.local/ns/addispay/sa/shop-addispay-")).Order().ToArray();
            Assert.Equal(expected.Where(e => e.To == component).Select(e => $"cluster.local/ns/addispay/sa/shop-addispay-{e.From}").Order().ToArray(), principals);
        }
    }

    [Theory]
    [InlineData("mode=groups", "mode groups needs at least one entry in groups")]
    [InlineData("mode=groups,groups.core.modules={users,cart},groups.more.modules={cart}", "module \"cart\" is in more than one group")]
    [InlineData("mode=groups,groups.users.modules={cart}", "group name \"users\" is a module's name but the group does not hold that module")]
    [InlineData("mode=groups,groups.all.modules={cart}", "group name \"all\" is taken by the chart")]
    public void Groups_that_would_run_a_module_twice_or_collide_with_a_deployments_name_are_refused(string values, string refusal)
    {
        var (code, output) = Chart.Run(chart.Helm, ["template", "shop", Chart.ChartDir, "--set", values]);
        Assert.NotEqual(0, code);
        Assert.Contains(refusal, output);
    }

    [Fact]
    public void Network_policies_follow_the_request_graph_of_the_code()
    {
        var code = ContractsGraph.Requests();
        Assert.Contains(("cart", "products"), code); // the graph is not empty: the test can fail
        static string? Module(JsonNode? selector) => selector?["matchLabels"]?.AsObject()
            .Select(kv => kv.Key).FirstOrDefault(k => k.StartsWith("modules.addispay.et/"))?["modules.addispay.et/".Length..];
        foreach (var scenario in Chart.Scenarios.Keys)
        {
            var rendered = new HashSet<(string, string)>();
            foreach (var policy in chart.OfKind(scenario, "NetworkPolicy").Where(p => Module(p["spec"]!["podSelector"]) is not null))
            {
                var module = Module(policy["spec"]!["podSelector"])!;
                Assert.Equal($"shop-addispay-{module}", Chart.Name(policy)); // one per module, named after it, in every shape
                foreach (var rule in policy["spec"]!["egress"]!.AsArray())
                foreach (var to in rule!["to"]?.AsArray() ?? [])
                    if (Module(to!["podSelector"]) is { } target)
                        rendered.Add((module, target));
                // Ingress mirrors egress: only the callers' pods that do not run the module themselves (besides the ingress
                // controller, Prometheus and helm test).
                var callers = policy["spec"]!["ingress"]!.AsArray().SelectMany(r => r!["from"]!.AsArray())
                    .Where(f => f!["podSelector"] is not null && Module(f["podSelector"]) is not null).ToList();
                Assert.Equal(code.Where(e => e.To == module).Select(e => e.From).Order().ToArray(), callers.Select(f => Module(f!["podSelector"])).Order().ToArray());
                Assert.All(callers, f => Assert.Equal($"[{{\"key\":\"modules.addispay.et/{module}\",\"operator\":\"DoesNotExist\"}}]", f!["podSelector"]!["matchExpressions"]!.ToJsonString()));
            }
            Assert.Equal(code.OrderBy(e => e).ToArray(), rendered.OrderBy(e => e).ToArray());
            // Applied to the shape's pods: exactly the Deployments whose modules call another's reach its internal port.
            Assert.Empty(ShapeMoves.Reach(chart.Documents[scenario], code, 8081));
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Nothing_is_granted_the_kubernetes_api_and_secrets_reach_pods_only_by_reference(string scenario)
    {
        Assert.DoesNotContain(chart.Documents[scenario], d => (string?)d["kind"] is "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding");
        foreach (var d in chart.Documents[scenario].Where(d => PodSpec(d) is not null))
        foreach (var c in PodSpec(d)!["containers"]!.AsArray())
        foreach (var e in c!["env"]?.AsArray() ?? [])
        {
            var name = (string)e!["name"]!;
            if (name.Contains("SigningKeys") || name.Contains("InternalKey") || name.Contains("PASSWORD") || name.Contains("Secret")
                || name.Contains("PrivateKey") || name.StartsWith("ConnectionStrings"))
                Assert.True(e["valueFrom"]?["secretKeyRef"] is not null, $"{Chart.Name(d)}: {name} must come from a Secret");
        }
        if (scenario == "production") Assert.Empty(chart.OfKind(scenario, "Secret")); // existingSecret
    }

    [Fact]
    public void Production_uses_strict_mtls_and_an_authorization_policy_per_deployment_mirroring_the_graph()
    {
        var peer = Assert.Single(chart.OfKind("production", "PeerAuthentication"));
        Assert.Equal("STRICT", (string?)peer["spec"]!["mtls"]!["mode"]);
        var deployments = chart.OfKind("production", "Deployment").ToList();
        Assert.All(deployments, d => Assert.Equal("true", (string?)d["spec"]!["template"]!["metadata"]!["labels"]!["sidecar.istio.io/inject"]));
        var products = chart.OfKind("production", "AuthorizationPolicy").Single(a => Chart.Name(a).EndsWith("-products"));
        var principals = products["spec"]!["rules"]!.AsArray().SelectMany(r => r!["from"]?.AsArray() ?? [])
            .SelectMany(f => f!["source"]!["principals"]!.AsArray()).Select(p => (string)p!).ToList();
        Assert.Contains("cluster.local/ns/addispay/sa/shop-addispay-cart", principals);
        Assert.DoesNotContain("cluster.local/ns/addispay/sa/shop-addispay-users", principals);
        Assert.Equal(11, chart.OfKind("production", "DestinationRule").Count(r => r["spec"]!["trafficPolicy"]!["outlierDetection"] is not null)); // one per module Service
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Migrations_run_as_a_hook_job_of_the_same_image(string scenario)
    {
        var job = Assert.Single(chart.OfKind(scenario, "Job"));
        // Before install when the Secret and the database pre-exist (production); else right after install.
        Assert.Equal(scenario == "production" ? "pre-install,pre-upgrade" : "post-install,pre-upgrade", (string?)job["metadata"]!["annotations"]!["helm.sh/hook"]);
        var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(["migrate"], container["args"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal((string?)chart.OfKind(scenario, "Deployment").First()["spec"]!["template"]!["spec"]!["containers"]![0]!["image"], (string?)container["image"]);
    }

    [Fact]
    public void Database_is_in_chart_for_small_installs_and_external_in_production()
    {
        var pg = Assert.Single(chart.OfKind("all", "StatefulSet"));
        Assert.NotEmpty(pg["spec"]!["volumeClaimTemplates"]!.AsArray());
        Assert.Equal("false", (string?)pg["spec"]!["template"]!["metadata"]!["annotations"]!["cluster-autoscaler.kubernetes.io/safe-to-evict"]);
        Assert.Empty(chart.OfKind("production", "StatefulSet"));
        var egress = chart.OfKind("production", "NetworkPolicy").First(n => Chart.Name(n).EndsWith("-products"))["spec"]!["egress"]!.ToJsonString();
        Assert.Contains("10.20.0.0/16", egress);
    }

    [Fact]
    public void Monitoring_ships_a_service_monitor_alerts_that_matter_and_a_dashboard()
    {
        Assert.Single(chart.OfKind("all", "ServiceMonitor"));
        var rules = Assert.Single(chart.OfKind("all", "PrometheusRule"))["spec"]!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).ToList();
        var alerts = rules.Select(r => (string)r!["alert"]!).ToList();
        foreach (var alert in new[] { "AddisPayHighErrorRate", "AddisPaySlowRequests", "AddisPayEventBacklog", "AddisPayEventLag", "AddisPayDeadLetters", "AddisPayPaymentFailures" })
            Assert.Contains(alert, alerts);
        var dashboards = chart.OfKind("all", "ConfigMap").Single(c => c["metadata"]!["labels"]!["grafana_dashboard"] is not null);
        var dashboard = JsonNode.Parse((string)dashboards["data"]!["addispay-overview.json"]!)!;
        var exprs = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!).ToList();
        Assert.Contains(exprs, e => e.Contains("addispay_event_subscription_backlog"));
        Assert.Contains(exprs, e => e.Contains("http_request_duration_seconds_bucket"));
    }

    [Fact]
    public void Helm_test_checks_every_module_has_a_ready_pod()
    {
        var test = Assert.Single(chart.OfKind("groups", "Pod"));
        Assert.Equal("test", (string?)test["metadata"]!["annotations"]!["helm.sh/hook"]);
        var script = (string)test["spec"]!["containers"]![0]!["args"]![0]!;
        foreach (var module in chart.OfKind("groups", "Deployment").SelectMany(d => Env(d, "AddisPay__Modules")!.Split(',')))
            Assert.Contains($"http://shop-addispay-{module}:8081/health/ready", script);
    }

    private static JsonObject? PodSpec(JsonObject d) => (string?)d["kind"] switch
    {
        "Deployment" or "StatefulSet" or "Job" => d["spec"]!["template"]!["spec"]!.AsObject(),
        "CronJob" => d["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!.AsObject(),
        "Pod" => d["spec"]!.AsObject(),
        _ => null
    };

    private static string? Env(JsonObject deployment, string name) =>
        (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray()
            .FirstOrDefault(e => (string?)e!["name"] == name)?["value"];

    private static string Component(JsonObject o) => (string)o["metadata"]!["labels"]!["app.kubernetes.io/component"]!;

    private static bool SameLabels(JsonObject a, JsonObject b) =>
        a.Count == b.Count && a.All(kv => (string?)b[kv.Key] == (string?)kv.Value);
}
