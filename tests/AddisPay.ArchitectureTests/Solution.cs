using System.Reflection;

namespace AddisPay.ArchitectureTests;

/// <summary>The modules as the file system has them: every src/Modules/{Module}/AddisPay.{Module}[.Contracts].csproj.</summary>
public static class Solution
{
    public static readonly string Root = FindRoot();

    public sealed record Module(string Name, string Implementation, string Contracts);

    public static IReadOnlyList<Module> Modules { get; } = Directory.GetDirectories(Path.Combine(Root, "src", "Modules"))
        .Select(Path.GetFileName)
        .Order()
        .Select(name => new Module(name!, $"AddisPay.{name}", $"AddisPay.{name}.Contracts"))
        .ToList();

    /// <summary>Every module project on disk, by assembly name.</summary>
    public static IReadOnlyList<string> ModuleProjects { get; } = Directory
        .GetFiles(Path.Combine(Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories)
        .Select(Path.GetFileNameWithoutExtension)
        .Order()
        .ToList()!;

    public static Assembly Load(string assemblyName) => Assembly.Load(assemblyName);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AddisPay.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("AddisPay.sln not found above " + AppContext.BaseDirectory);
    }
}
