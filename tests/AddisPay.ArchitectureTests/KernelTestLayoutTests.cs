using Xunit;

namespace AddisPay.ArchitectureTests;

/// <summary>
/// The kernel's integration tests mirror src too (issue 20 item 6; <see cref="TestLayout.CheckKernel"/>): the test of a type
/// of <c>src/Shared/AddisPay.Shared/&lt;Folder&gt;/</c> is <c>tests/AddisPay.IntegrationTests/Shared/&lt;Folder&gt;/&lt;Type&gt;Tests.cs</c>,
/// of the Host's <c>Host/&lt;Type&gt;Tests.cs</c>; the tests of whole topologies and the sweeps over every endpoint, which test
/// no single type, are in <c>Topologies/</c>, and the operations run on a whole platform (backup and restore, monitoring) in
/// <c>Operations/</c>, each named here with its reason.
/// </summary>
public sealed class KernelTestLayoutTests
{
    /// <summary>The files of <c>Topologies/</c> and <c>Operations/</c>, each with its reason. <see cref="Every_named_topology_exists_so_the_list_stays_true"/> keeps it true.</summary>
    private static readonly Dictionary<string, string> Topologies = new()
    {
        ["BackupRestoreTests.cs"] = "an operation: the backup the chart's CronJob takes (pg_dump) restored into a fresh cluster as docs/operations.md says, read back by a Host process",
        ["MonitoringScrapeTests.cs"] = "an operation: a real Prometheus scraping a running Host; every Grafana panel and alert expression of the chart returns a series",
        ["ApiFuzzTests.cs"] = "a sweep: every operation of the API document, as three callers, with seeded hostile input, against one all-modules Host process",
        ["AuthorizationMatrixTests.cs"] = "a sweep: every protected endpoint of every module, discovered from the running app, with missing, expired, forged and customer tokens",
        ["InProcessPlatformTests.cs"] = "a topology: every module in one process, cross-module calls in process (scenario (a), the split one is SplitProcessTests)",
        ["LiveRetopologyTests.cs"] = "a topology: a running shop moved between shapes under checkouts; one long scenario kept as one test, since splitting it would repeat its process starts",
        ["MalformedRequestTests.cs"] = "a sweep of the edge: requests too broken for an endpoint, answered by Kestrel or the pipeline of a real Host process",
        ["ReplicaTests.cs"] = "a topology: two replicas per process behind nginx under SIGKILLs; the load with its kills is one test, since splitting it would repeat the six process starts",
        ["RequestIsolationTests.cs"] = "a topology: refused and abandoned requests among valid ones, in one process and with a process per module",
        ["SplitProcessTests.cs"] = "a topology: Products, Cart and the other modules in Host processes of their own (scenario (b)); the SIGKILL scenario is one test, its processes its own",
    };

    [Fact]
    public void The_kernels_integration_tests_mirror_src_and_topologies_are_named()
    {
        var broken = TestLayout.CheckKernel(KernelTestFiles(), KernelTypes(), Topologies)
            .Select(v => $"tests/AddisPay.IntegrationTests/{v.File}: {v.Rule}")
            .ToList();
        Assert.True(broken.Count == 0, "Lay the kernel's tests out as src (tests/AddisPay.IntegrationTests/README.md):\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_named_topology_exists_so_the_list_stays_true()
    {
        var stale = Topologies.Keys.Where(file => !File.Exists(Path.Combine(IntegrationTests, "Topologies", file)) && !File.Exists(Path.Combine(IntegrationTests, "Operations", file))).ToList();
        Assert.True(stale.Count == 0, "Gone; remove it from the list: " + string.Join(", ", stale));
    }

    // Proof the rule can fail: bad layouts fed to it.

    private static readonly Dictionary<string, IReadOnlySet<string>> Types = new()
    {
        ["Shared"] = new HashSet<string> { "Platform" },
        ["Shared/Events"] = new HashSet<string> { "EventLog", "ModuleInbox" },
        ["Shared/Pages"] = new HashSet<string> { "PageKeyRing" },
        ["Host"] = new HashSet<string> { "Program" },
    };

    private static readonly Dictionary<string, string> Named = new() { ["SplitProcessTests.cs"] = "a topology" };

    private static IReadOnlyList<TestLayout.Violation> Check(params string[] files) => TestLayout.CheckKernel(files, Types, Named);

    /// <summary>The rule, fed <paramref name="file"/> (and <paramref name="beside"/>), names <paramref name="file"/>.</summary>
    private static void AssertCaught(string file, params string[] beside) => Assert.Contains(Check([file, .. beside]), v => v.File == file);

    [Fact]
    public void A_test_named_after_no_type_of_its_folder_is_caught() => AssertCaught("Shared/Events/EventDeliveryTests.cs");

    [Fact]
    public void A_test_of_a_type_in_another_folder_than_the_types_is_caught() => AssertCaught("Shared/Pages/EventLogTests.cs");

    [Fact]
    public void A_test_in_a_folder_that_mirrors_nothing_is_caught() => AssertCaught("Shared/Nowhere/EventLogTests.cs");

    [Fact]
    public void A_test_of_the_host_named_after_a_command_instead_of_a_type_is_caught() => AssertCaught("Host/MigrateCommandTests.cs");

    [Fact]
    public void A_partial_test_class_over_several_files_is_caught() => AssertCaught("Shared/PlatformTests.ApiDocument.cs", "Shared/PlatformTests.cs");

    [Fact]
    public void A_topology_not_on_the_named_list_is_caught() => AssertCaught("Topologies/ReplicaTests.cs");

    [Fact]
    public void An_operation_not_on_the_named_list_is_caught() => AssertCaught("Operations/FailoverTests.cs");

    [Fact]
    public void A_test_file_left_in_the_old_platform_folder_is_caught() => AssertCaught("Platform/ModuleWorkTests.cs");

    [Fact]
    public void A_helper_left_in_the_old_hardening_folder_is_caught() => AssertCaught("Hardening/EdgeHost.cs");

    [Fact]
    public void Type_tests_in_their_mirrored_folders_named_topologies_their_partials_and_helpers_pass() =>
        Assert.Empty(Check("Shared/PlatformTests.cs", "Shared/Events/EventLogTests.cs", "Shared/Events/ModuleInboxTests.cs", "Shared/Pages/PageKeyRingTests.cs",
            "Host/ProgramTests.cs", "Host/ProductionHost.cs", "Topologies/SplitProcessTests.cs", "Topologies/SplitProcessTests.Pods.cs", "Topologies/OpenApiFuzzer.cs",
            "Orders/PlaceOrderTests.cs"));

    [Fact]
    public void The_folder_a_src_file_is_mirrored_in_follows_its_project_and_folder()
    {
        Assert.Equal("Shared/Events", TestLayout.KernelFolderOf("src/Shared/AddisPay.Shared/Events/EventLog.cs"));
        Assert.Equal("Shared", TestLayout.KernelFolderOf("src/Shared/AddisPay.Shared/Platform.cs"));
        Assert.Equal("Shared/Pages", TestLayout.KernelFolderOf("src/Shared/AddisPay.Shared.Pages/PageKeyRing.cs"));
        Assert.Equal("Host", TestLayout.KernelFolderOf("src/Host/AddisPay.Host/Program.cs"));
        Assert.Null(TestLayout.KernelFolderOf("src/Modules/Cart/AddisPay.Cart/AddItem/AddItem.cs"));
        Assert.Null(TestLayout.KernelFolderOf("src/Shared/AddisPay.Shared/obj/Release/Generated.cs"));
    }

    [Fact]
    public void The_types_a_source_declares_are_read_from_its_declarations() =>
        Assert.Equal(["MigrationRunner", "Step", "IModuleMigration"],
            TestLayout.TypesDeclared("public sealed class MigrationRunner { private sealed record Step(int N); }\npublic interface IModuleMigration;"));

    private static readonly string IntegrationTests = Path.Combine(Solution.Root, "tests", "AddisPay.IntegrationTests");

    /// <summary>The integration test project's files in the kernel's folders (and the old ones), relative to the project.</summary>
    private static IEnumerable<string> KernelTestFiles() =>
        new[] { "Shared", "Host", "Topologies", "Operations", "Platform", "Hardening" }
            .Select(folder => Path.Combine(IntegrationTests, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(IntegrationTests, file).Replace('\\', '/'));

    /// <summary>Every type declared in src/Shared and src/Host, by the test folder that mirrors its file's folder.</summary>
    private static Dictionary<string, IReadOnlySet<string>> KernelTypes() =>
        new[] { "Shared", "Host" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Solution.Root, "src", folder), "*.cs", SearchOption.AllDirectories))
            .Select(file => (Folder: TestLayout.KernelFolderOf(Path.GetRelativePath(Solution.Root, file).Replace('\\', '/')), File: file))
            .Where(f => f.Folder is not null)
            .GroupBy(f => f.Folder!, f => f.File)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(file => TestLayout.TypesDeclared(File.ReadAllText(file))).ToHashSet(StringComparer.Ordinal));
}
