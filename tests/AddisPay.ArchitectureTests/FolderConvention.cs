using System.Reflection;

namespace AddisPay.ArchitectureTests;

/// <summary>
/// The folder convention of a business module project (docs/architecture.md, "The shape of a use case"), as pure rules
/// over a list of files, so a test can feed them a bad layout and see them fail:
/// <c>Domain/</c> holds the model, <c>Data/</c> the DbContext or store, its migrations and every <c>*Sql.cs</c> family,
/// <c>Gateways/</c> the adapters to outside systems (the port they implement at its root, then one file or one folder per
/// outside system), every other folder is one use case holding only <c>&lt;Folder&gt;.cs</c>, and the root holds only the
/// module's registration (<c>&lt;Module&gt;Module.cs</c>, and its options as <c>&lt;Module&gt;Options.cs</c>).
/// </summary>
public static partial class FolderConvention
{
    public const string ModelFolder = "Domain";
    public const string DataFolder = "Data";
    public const string GatewaysFolder = "Gateways";

    /// <summary>A broken rule, keyed by the folder (or root file) it is about, relative to the module project.</summary>
    public sealed record Violation(string Where, string Rule);

    /// <summary>
    /// The rules broken by a module project holding <paramref name="files"/> (C# files, relative to the project folder,
    /// '/'-separated, without bin/ and obj/).
    /// </summary>
    public static IReadOnlyList<Violation> Check(string module, IEnumerable<string> files)
    {
        var list = files.ToList();
        var found = new List<Violation>();
        if (!list.Any(f => f.StartsWith(ModelFolder + "/", StringComparison.Ordinal)))
            found.Add(new(ModelFolder, $"the model lives in {ModelFolder}/, the same name in every module"));

        foreach (var file in list.Where(f => !f.Contains('/')))
            if (file != $"{module}Module.cs" && file != $"{module}Options.cs")
                found.Add(new(file, $"only {module}Module.cs and {module}Options.cs live at the module root; a use case gets a folder, a model type goes to {ModelFolder}/"));

        foreach (var file in list.Where(f => f.EndsWith("Sql.cs", StringComparison.Ordinal) && !f.StartsWith(DataFolder + "/", StringComparison.Ordinal)))
            found.Add(new(TopFolder(file), $"{file}: a SQL family lives in {DataFolder}/, beside the DbContext"));

        // One outside system is one file or one folder; a deeper tree is a subsystem of its own that wants a name in the convention.
        foreach (var file in list.Where(f => f.StartsWith(GatewaysFolder + "/", StringComparison.Ordinal) && f.Count(c => c == '/') > 2))
            found.Add(new(GatewaysFolder, $"{file}: {GatewaysFolder}/ holds the ports at its root and one file or one folder per outside system, no deeper"));

        foreach (var folder in list.Where(f => f.Contains('/')).GroupBy(TopFolder).Where(g => g.Key is not ModelFolder and not DataFolder and not GatewaysFolder))
        {
            var expected = $"{folder.Key}/{folder.Key}.cs";
            var others = folder.Where(f => f != expected).Order(StringComparer.Ordinal).ToList();
            if (!folder.Contains(expected) || others.Count > 0)
                found.Add(new(folder.Key, $"a use-case folder holds one {expected} (request, handler, endpoint)" +
                    (others.Count > 0 ? "; also found " + string.Join(", ", others) : "; it is missing") +
                    $". A type several use cases share goes to {ModelFolder}/ or {DataFolder}/"));
        }
        return found.DistinctBy(v => (v.Where, v.Rule)).ToList();
    }

    /// <summary>
    /// Whether one use-case file (<paramref name="source"/>, the text of <c>&lt;Folder&gt;.cs</c>) holds one use case: it handles
    /// at most one command or query, and a file that handles none (an endpoint doing its own work, a webhook intake) maps at
    /// most one route pattern. Routes sending the same request are one use case (lock and unlock both send SetLock); event
    /// handlers are not counted, as one reaction may follow several events (keeping the search index in step with products).
    /// </summary>
    public static Violation? CheckOneUseCase(string folder, string source)
    {
        var handled = HandledRequest().Matches(source).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (handled.Count > 1)
            return new(folder, $"{folder}/{folder}.cs handles {handled.Count} commands or queries ({string.Join(", ", handled)}); one use case handles one, so give each its folder");
        var routes = MappedRoute().Matches(source).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (handled.Count == 0 && routes.Count > 1)
            return new(folder, $"{folder}/{folder}.cs maps {routes.Count} routes ({string.Join(", ", routes)}) without a request; one use case maps one, so give each its folder");
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bI(?:Command|Query)Handler<\s*([\w.]+)")]
    private static partial System.Text.RegularExpressions.Regex HandledRequest();

    [System.Text.RegularExpressions.GeneratedRegex(@"\.Map(?:Get|Post|Put|Delete|Patch|Methods)\(\s*""([^""]*)""")]
    private static partial System.Text.RegularExpressions.Regex MappedRoute();

    /// <summary>The endpoint classes (types mapping routes) of <paramref name="assembly"/> whose route handlers take a DbContext, a unit of work or a document store or session instead of sending a request.</summary>
    public static IReadOnlyList<string> EndpointsTakingData(Assembly assembly) => assembly.GetTypes()
        .Where(t => !t.IsNested && MapsRoutes(t))
        .Where(t => WithNested(t).SelectMany(DeclaredMethods).Any(m => m.GetParameters().Any(p => IsData(p.ParameterType))))
        .Select(t => t.FullName!)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The types of <paramref name="assembly"/> in a <c>Gateways</c> namespace that map routes: an adapter talks to its outside
    /// system; a page or callback the outside world calls is a use case (<c>Payments/SandboxCheckout/</c>, <c>Payments/Webhooks/</c>).
    /// </summary>
    public static IReadOnlyList<string> GatewaysMappingRoutes(Assembly assembly) => assembly.GetTypes()
        .Where(t => !t.IsNested && t.Namespace is { } ns && ns.Split('.').Contains(GatewaysFolder) && MapsRoutes(t))
        .Select(t => t.FullName!)
        .Order(StringComparer.Ordinal)
        .ToList();

    private static string TopFolder(string file) => file.Contains('/') ? file[..file.IndexOf('/')] : file;

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static IEnumerable<MethodInfo> DeclaredMethods(Type type) => type.GetMethods(Declared);

    // Route handler lambdas compile into nested closure classes (<>c, <>c__DisplayClass) of the type that maps them.
    private static IEnumerable<Type> WithNested(Type type) => type.GetNestedTypes(Declared).SelectMany(WithNested).Prepend(type);

    private static bool MapsRoutes(Type type) => DeclaredMethods(type).Any(m => m.GetParameters().Any(p => Implements(p.ParameterType, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder")));

    private static bool IsData(Type type) =>
        DerivesFrom(type, "Microsoft.EntityFrameworkCore.DbContext")
        || Implements(type, "Marten.IQuerySession") || Implements(type, "Marten.IDocumentStore")
        || (type.IsGenericType && type.GetGenericTypeDefinition().FullName is "AddisPay.Shared.Events.ModuleWork`1" or "AddisPay.Shared.Events.DocumentWork`1");

    private static bool DerivesFrom(Type type, string fullName)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.FullName == fullName) return true;
        return false;
    }

    private static bool Implements(Type type, string fullName) =>
        type.FullName == fullName || type.GetInterfaces().Any(i => i.FullName == fullName);
}
