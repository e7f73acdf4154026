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
}
