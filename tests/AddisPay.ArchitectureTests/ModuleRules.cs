using ArchUnitNET.Domain;
using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Fluent;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace AddisPay.ArchitectureTests;

/// <summary>
/// The boundary rules, written once and applied both to the real solution and to the deliberate
/// violations fixture, so a rule that could never fail would show up as a failing proof test.
/// </summary>
public static class ModuleRules
{
    /// <summary>A module uses other modules only through their Contracts, never their implementation.</summary>
    public static IArchRule ModuleUsesOtherModulesOnlyThroughContracts(IObjectProvider<IType> module, IEnumerable<Assembly> otherImplementations) =>
        Types().That().Are(module)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(otherImplementations.First(), otherImplementations.Skip(1).ToArray()))
            .Because("a module may use another module only through that module's Contracts project");

    /// <summary>Contracts are a public face: they depend on no implementation and no infrastructure.</summary>
    public static IArchRule ContractsDependOnNoImplementationOrInfrastructure(IObjectProvider<IType> contracts, IEnumerable<Assembly> forbidden) =>
        Types().That().Are(contracts)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(forbidden.First(), forbidden.Skip(1).ToArray()))
            .Because("a Contracts project may use only AddisPay.Shared.Contracts, so depending on it pulls in no module or infrastructure");

    /// <summary>Shared code serves every module and so may know none of them.</summary>
    public static IArchRule SharedKnowsNoModule(IObjectProvider<IType> shared, IEnumerable<Assembly> moduleAssemblies) =>
        Types().That().Are(shared)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(moduleAssemblies.First(), moduleAssemblies.Skip(1).ToArray()))
            .Because("AddisPay.Shared must not reference any module");

    /// <summary>The Host only registers modules: of a module's implementation it may see its IModule class alone.</summary>
    public static IArchRule HostOnlyRegistersModules(IObjectProvider<IType> host, IEnumerable<Assembly> implementations) =>
        Types().That().Are(host)
            .Should().NotDependOnAny(Types().That().ResideInAssembly(implementations.First(), implementations.Skip(1).ToArray())
                .And().DoNotImplementInterface(typeof(AddisPay.Shared.Modules.IModule)))
            .Because("the Host references modules only to register them");

    /// <summary>
    /// A use case saves and publishes through its module's unit of work (ModuleWork, DocumentWork), which alone appends
    /// events: module code neither casts EF Core's transaction to reach the connection nor calls the event log.
    /// </summary>
    public static IArchRule ModulesSaveAndPublishOnlyThroughTheirUnitOfWork(IObjectProvider<IType> module) =>
        Types().That().Are(module)
            .Should().FollowCustomCondition(t => !ForbiddenCalls(t).Any(),
                "call neither GetDbTransaction nor EventLog.PublishAsync (the event log's other ways in are the units of work's alone)",
                "saves or publishes around its unit of work")
            .Because("only the unit of work holds the transaction and appends events, so a use case can't commit a change without its events or the reverse");

    /// <summary>The forbidden calls a type makes, as "Type.Method(...)".</summary>
    public static IEnumerable<string> ForbiddenCalls(IType type) => type.Dependencies.OfType<MethodCallDependency>()
        .Where(d => d.TargetMember.Name.StartsWith("GetDbTransaction(", StringComparison.Ordinal)
                    || d.Target.FullName == typeof(AddisPay.Shared.Events.EventLog).FullName
                    && d.TargetMember.Name.StartsWith(nameof(AddisPay.Shared.Events.EventLog.PublishAsync) + "(", StringComparison.Ordinal))
        .Select(d => $"{d.Target.Name}.{d.TargetMember.Name}");

    /// <summary>
    /// The assemblies <paramref name="assembly"/> references that are not the base class library (the shared framework
    /// Microsoft.NETCore.App the tests run on): the market kernel must have none, so anything can use it.
    /// </summary>
    public static IReadOnlyList<string> ReferencesOutsideTheBaseClassLibrary(Assembly assembly)
    {
        var bcl = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        return assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !File.Exists(Path.Combine(bcl, name + ".dll")))
            .Order()
            .ToList();
    }
}
