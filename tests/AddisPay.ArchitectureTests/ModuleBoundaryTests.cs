using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Xunit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace AddisPay.ArchitectureTests;

public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Shared = typeof(AddisPay.Shared.Platform).Assembly;
    private static readonly Assembly SharedContracts = typeof(AddisPay.Shared.Contracts.IntegrationEvent).Assembly;
    private static readonly Assembly Host = typeof(Program).Assembly;

    private static readonly Dictionary<string, (Assembly Implementation, Assembly Contracts)> Modules =
        Solution.Modules.ToDictionary(m => m.Name, m => (Solution.Load(m.Implementation), Solution.Load(m.Contracts)));

    private static readonly Architecture Architecture = new ArchLoader()
        .LoadAssemblies([Shared, SharedContracts, Host, .. Modules.Values.SelectMany(m => new[] { m.Implementation, m.Contracts })])
        .Build();

    public static TheoryData<string> ModuleNames() => new(Solution.Modules.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Modules_use_other_modules_only_through_their_contracts(string module)
    {
        var others = Modules.Where(m => m.Key != module).Select(m => m.Value.Implementation).ToList();
        Assert.NotEmpty(others); // the rule is vacuous with a single module
        ModuleRules.ModuleUsesOtherModulesOnlyThroughContracts(Types().That().ResideInAssembly(Modules[module].Implementation), others)
            .Check(Architecture);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Contracts_depend_on_no_module_implementation_and_no_infrastructure(string module)
    {
        var forbidden = Modules.Values.Select(m => m.Implementation).Append(Shared).Append(Host);
        ModuleRules.ContractsDependOnNoImplementationOrInfrastructure(Types().That().ResideInAssembly(Modules[module].Contracts), forbidden)
            .Check(Architecture);
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Modules_save_and_publish_only_through_their_unit_of_work(string module) =>
        ModuleRules.ModulesSaveAndPublishOnlyThroughTheirUnitOfWork(Types().That().ResideInAssembly(Modules[module].Implementation)).Check(Architecture);

    [Fact]
    public void Shared_references_no_module()
    {
        var moduleAssemblies = Modules.Values.SelectMany(m => new[] { m.Implementation, m.Contracts });
        ModuleRules.SharedKnowsNoModule(Types().That().ResideInAssembly(Shared, SharedContracts), moduleAssemblies).Check(Architecture);
    }

    [Fact]
    public void The_market_kernel_depends_on_nothing_but_the_base_class_library()
    {
        var market = typeof(AddisPay.Market.Vat).Assembly;
        Assert.NotEmpty(market.GetReferencedAssemblies()); // the rule is vacuous if no reference is seen
        Assert.Empty(ModuleRules.ReferencesOutsideTheBaseClassLibrary(market));
    }

    [Fact]
    public void Host_references_modules_only_to_register_them()
    {
        // Mediator's source generator emits dispatch code into the Host that must name every handler; that
        // generated code (marked [GeneratedCode]) is exempt. The Host's own types, Program first, are checked.
        var hostOwnTypes = Types().That().ResideInAssembly(Host)
            .And().DoNotHaveAnyAttributes(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute));
        // Guard against a blind spot: the rule must see the body of Program (it registers the modules there).
        var program = Assert.Single(hostOwnTypes.GetObjects(Architecture), t => t.Name == "Program");
        Assert.Contains(program.Dependencies, d => d.Target.FullName == typeof(AddisPay.Products.ProductsModule).FullName);
        ModuleRules.HostOnlyRegistersModules(hostOwnTypes, Modules.Values.Select(m => m.Implementation)).Check(Architecture);
    }
}
