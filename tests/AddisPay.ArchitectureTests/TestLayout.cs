namespace AddisPay.ArchitectureTests;

/// <summary>
/// Where the integration test of a behaviour lives (issue 20 item 6; tests/AddisPay.IntegrationTests/README.md), as a pure
/// rule over lists of files, so a test can feed it a bad layout and see it fail: in
/// <c>tests/AddisPay.IntegrationTests/&lt;Module&gt;/</c> every test file is named after what it tests in
/// <c>src/Modules/&lt;Module&gt;/AddisPay.&lt;Module&gt;/</c>: <c>&lt;UseCase&gt;Tests.cs</c> after a use-case folder, or
/// <c>&lt;X&gt;SqlTests.cs</c> after a SQL family <c>Data/&lt;X&gt;Sql.cs</c> (its read-back test). A class that tests no single
/// use case (a journey across modules, the use cases under a setting with a platform of its own, a split topology) is named
/// on a short list, each with its reason. Helpers (platforms, shops, fakes) are not test files and are not checked. A page
/// module (Storefront, BackOffice: Razor pages under <c>Components/Pages/</c>) names its test files after a page too:
/// <c>&lt;Page&gt;Tests.cs</c> after a page component as it is named (<c>CartPage.razor</c>: <c>CartPageTests.cs</c>) or after a
/// folder of pages (<c>Checkout/</c>: <c>CheckoutTests.cs</c>).
/// </summary>
public static class TestLayout
{
    public sealed record Violation(string File, string Rule);

    /// <summary>
    /// The test files of <paramref name="module"/>'s integration test folder (file names, <paramref name="testFiles"/>) that
    /// name no use-case folder, no SQL family and no page of the module project holding <paramref name="moduleFiles"/> (its C#
    /// and Razor files, relative to the project, '/'-separated) and are not in <paramref name="named"/> (file name → reason).
    /// </summary>
    public static IReadOnlyList<Violation> Check(string module, IEnumerable<string> testFiles, IEnumerable<string> moduleFiles, IReadOnlyDictionary<string, string> named)
    {
        var files = moduleFiles.Where(f => f.EndsWith(".cs", StringComparison.Ordinal)).ToList();
        var useCases = files.Where(f => f.Count(c => c == '/') == 1).Select(f => f[..f.IndexOf('/')])
            .Where(folder => folder is not FolderConvention.ModelFolder and not FolderConvention.DataFolder and not FolderConvention.GatewaysFolder)
            .ToHashSet(StringComparer.Ordinal);
        var sqlFamilies = files.Where(f => f.StartsWith(FolderConvention.DataFolder + "/", StringComparison.Ordinal) && f.Count(c => c == '/') == 1 && f.EndsWith("Sql.cs", StringComparison.Ordinal))
            .Select(f => f[(f.IndexOf('/') + 1)..^".cs".Length])
            .ToHashSet(StringComparer.Ordinal);
        var pages = moduleFiles.Where(f => f.StartsWith(PagesFolder, StringComparison.Ordinal) && f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => f[PagesFolder.Length..^".razor".Length].Split('/'))
            .ToHashSet(StringComparer.Ordinal);

        var found = new List<Violation>();
        foreach (var file in testFiles.Where(IsTestFile).Order(StringComparer.Ordinal))
        {
            if (named.ContainsKey(file)) continue;
            var subject = file[..file.IndexOf("Tests", StringComparison.Ordinal)];
            var partial = file != subject + "Tests.cs";
            if (!partial && (useCases.Contains(subject) || sqlFamilies.Contains(subject) || pages.Contains(subject))) continue;
            found.Add(new(file, partial
                ? $"one file per use case: a partial class over several files ({file}) is several use cases in one class; give each its <UseCase>Tests.cs"
                : $"{file} names no use-case folder of src/Modules/{module}/AddisPay.{module}/ (no {subject}/) and no SQL family (<X>SqlTests.cs for Data/<X>Sql.cs); " +
                  (pages.Count > 0 ? $"and no page ({PagesFolder}**/{subject}.razor or a folder {subject}/ there); " : "") +
                  "name it after the use case whose behaviour its tests state, or put it on the named list with its reason"));
        }
        return found;
    }

    /// <summary>Where a page module's Razor pages are, relative to the project.</summary>
    public const string PagesFolder = "Components/Pages/";

    /// <summary>A file holding test classes by the naming of the integration tests: <c>…Tests.cs</c>, or a partial <c>…Tests.&lt;Part&gt;.cs</c>.</summary>
    public static bool IsTestFile(string fileName) =>
        fileName.EndsWith("Tests.cs", StringComparison.Ordinal) || (fileName.Contains("Tests.", StringComparison.Ordinal) && fileName.EndsWith(".cs", StringComparison.Ordinal));

    // The kernel's tests (KernelTestLayoutTests): tests/AddisPay.IntegrationTests/Shared/ and Host/ mirror src/Shared and
    // src/Host type by type, and the tests of whole topologies and sweeps over every endpoint sit in Topologies/, named.

    /// <summary>
    /// The test folder that mirrors <paramref name="srcFile"/> (relative to the repository, '/'-separated), or null for a file
    /// outside the kernel: <c>src/Shared/AddisPay.Shared/&lt;Folder&gt;/X.cs</c> → <c>Shared/&lt;Folder&gt;</c> (its root → <c>Shared</c>),
    /// a kernel project of its own <c>src/Shared/AddisPay.Shared.&lt;Folder&gt;/X.cs</c> → <c>Shared/&lt;Folder&gt;</c>, and
    /// <c>src/Host/AddisPay.Host/X.cs</c> → <c>Host</c>.
    /// </summary>
    public static string? KernelFolderOf(string srcFile)
    {
        var parts = srcFile.Split('/');
        if (parts.Length < 4 || parts[0] != "src" || parts.Contains("bin") || parts.Contains("obj")) return null;
        var inner = parts[3..^1];
        return (parts[1], parts[2]) switch
        {
            ("Shared", "AddisPay.Shared") => string.Join('/', ["Shared", .. inner]),
            ("Shared", var project) when project.StartsWith("AddisPay.Shared.", StringComparison.Ordinal) =>
                string.Join('/', ["Shared", project["AddisPay.Shared.".Length..], .. inner]),
            ("Host", "AddisPay.Host") => string.Join('/', ["Host", .. inner]),
            _ => null
        };
    }

    /// <summary>The names of the types (class, record, struct, interface, enum) a C# source declares.</summary>
    public static IEnumerable<string> TypesDeclared(string source) =>
        System.Text.RegularExpressions.Regex.Matches(source, @"\b(?:class|record|struct|interface|enum)\s+([A-Z][A-Za-z0-9_]*)")
            .Select(m => m.Groups[1].Value);

    /// <summary>
    /// The kernel's test files (<paramref name="testFiles"/>, relative to the integration test project, '/'-separated) that
    /// break its layout: a test file under <c>Shared/</c> or <c>Host/</c> must be <c>&lt;Type&gt;Tests.cs</c> after a type
    /// declared in the src folder it mirrors (<paramref name="kernelTypes"/>: test folder → its types); one under
    /// <c>Topologies/</c> must be in <paramref name="topologies"/> (file name → reason; a partial <c>XTests.Part.cs</c> goes
    /// with its named <c>XTests.cs</c>); and nothing is left in the old folders <c>Platform/</c> and <c>Hardening/</c>.
    /// </summary>
    public static IReadOnlyList<Violation> CheckKernel(IEnumerable<string> testFiles, IReadOnlyDictionary<string, IReadOnlySet<string>> kernelTypes, IReadOnlyDictionary<string, string> topologies)
    {
        var found = new List<Violation>();
        foreach (var file in testFiles.Order(StringComparer.Ordinal))
        {
            var slash = file.LastIndexOf('/');
            var (folder, name) = slash < 0 ? ("", file) : (file[..slash], file[(slash + 1)..]);
            var top = folder.Split('/')[0];
            if (top is "Platform" or "Hardening")
                found.Add(new(file, $"{top}/ is gone: the kernel's tests mirror src (Shared/<Folder>/<Type>Tests.cs, Host/<Type>Tests.cs) or, for a topology or a sweep over every endpoint, sit in Topologies/ on the named list"));
            else if (!IsTestFile(name)) continue;
            else if (top is "Shared" or "Host")
            {
                var subject = name[..name.IndexOf("Tests", StringComparison.Ordinal)];
                if (name != subject + "Tests.cs")
                    found.Add(new(file, $"one file per type: a partial class over several files ({name}) tests several things in one class; give each type its <Type>Tests.cs"));
                else if (!kernelTypes.TryGetValue(folder, out var types) || !types.Contains(subject))
                    found.Add(new(file, $"{name} names no type declared in the src folder {folder}/ mirrors (no {subject}); name it after the type whose behaviour its tests state, in the folder that mirrors where that type lives"));
            }
            else if (top is "Topologies" or "Operations")
            {
                var dot = name.IndexOf("Tests.", StringComparison.Ordinal);
                var owner = name.EndsWith("Tests.cs", StringComparison.Ordinal) ? name : name[..dot] + "Tests.cs";
                if (!topologies.ContainsKey(owner))
                    found.Add(new(file, $"{name} is not on the named list of topologies, sweeps and operations; put it there with its reason, or move it beside the type it tests (Shared/, Host/)"));
            }
        }
        return found;
    }
}
