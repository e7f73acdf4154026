using Xunit;

namespace AddisPay.ArchitectureTests;

/// <summary>The rules cover every module project that exists, not a hand-kept list.</summary>
public sealed class ModuleCoverageTests
{
    [Fact]
    public void Every_module_project_on_disk_is_under_the_architecture_rules()
    {
        Assert.NotEmpty(Solution.ModuleProjects);
        var missing = Solution.ModuleProjects.Where(p => !CanLoad(p)).ToList();
        Assert.True(missing.Count == 0,
            $"Add a ProjectReference to tests/AddisPay.ArchitectureTests for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_module_has_an_implementation_and_a_contracts_project_and_nothing_else()
    {
        foreach (var module in Solution.Modules)
        {
            var projects = Solution.ModuleProjects.Where(p => p == module.Implementation || p.StartsWith(module.Implementation + ".")).ToList();
            Assert.Equal([module.Implementation, module.Contracts], projects.Order().ToArray());
        }
    }

    private static bool CanLoad(string assemblyName)
    {
        try
        {
            Solution.Load(assemblyName);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }
}
