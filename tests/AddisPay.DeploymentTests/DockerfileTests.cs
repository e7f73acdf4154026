namespace AddisPay.DeploymentTests;

/// <summary>The image's restore layer copies project files one by one: a project missing there breaks the image build only.</summary>
public sealed class DockerfileTests
{
    [Fact]
    public void The_restore_layer_copies_every_project_under_src()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Chart.Root, "Dockerfile"));
        var projects = Directory.EnumerateFiles(Path.Combine(Chart.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Chart.Root, p).Replace('\\', '/'))
            .ToList();
        Assert.True(projects.Count >= 19, $"only {projects.Count} projects found under src/");
        var missing = projects.Where(p => !dockerfile.Contains($"COPY {p} ", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Dockerfile does not copy: " + string.Join(", ", missing));
    }
}
