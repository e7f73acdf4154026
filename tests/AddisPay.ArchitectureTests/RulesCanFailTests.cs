using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Xunit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace AddisPay.ArchitectureTests;

/// <summary>
/// Each rule, applied to the deliberate violations in AddisPay.ArchitectureTests.Violations, must report
/// them. A rule that passes here is broken (it checks nothing, or the wrong assembly).
/// </summary>
public sealed class RulesCanFailTests
{
    private static readonly Assembly Violations = typeof(AddisPay.Rogue.RogueCheckout).Assembly;
    private static readonly Assembly Products = typeof(AddisPay.Products.ProductsModule).Assembly;
    private static readonly Assembly Shared = typeof(AddisPay.Shared.Platform).Assembly;

    private static readonly Architecture Architecture = new ArchLoader().LoadAssemblies(Violations, Products, Shared).Build();

    [Fact]
    public void A_module_using_another_modules_implementation_is_caught()
    {
        var rule = ModuleRules.ModuleUsesOtherModulesOnlyThroughContracts(
            Types().That().ResideInNamespace("AddisPay.Rogue"), [Products]);
        AssertViolatedBy(rule, "AddisPay.Rogue.RogueCheckout");
    }

    [Fact]
    public void Contracts_leaking_infrastructure_are_caught()
    {
        var rule = ModuleRules.ContractsDependOnNoImplementationOrInfrastructure(
            Types().That().ResideInNamespace("AddisPay.Rogue.Contracts"), [Shared, Products]);
        AssertViolatedBy(rule, "AddisPay.Rogue.Contracts.RogueRequest");
    }

    [Fact]
    public void Shared_code_knowing_a_module_is_caught()
    {
        var rule = ModuleRules.SharedKnowsNoModule(Types().That().ResideInNamespace("AddisPay.Shared.Rogue"), [Products]);
        AssertViolatedBy(rule, "AddisPay.Shared.Rogue.RogueHelper");
    }

    [Fact]
    public void A_host_using_module_internals_is_caught_but_registering_a_module_is_not()
    {
        var usesInternals = ModuleRules.HostOnlyRegistersModules(Types().That().ResideInNamespace("AddisPay.Rogue"), [Products]);
        AssertViolatedBy(usesInternals, "AddisPay.Rogue.RogueCheckout");

        var onlyRegisters = ModuleRules.HostOnlyRegistersModules(Types().That().ResideInNamespace("AddisPay.Shared.Rogue"), [Products]);
        Assert.True(onlyRegisters.HasNoViolations(Architecture), "depending on a module's IModule class is allowed");
    }

    [Fact]
    public void A_module_holding_the_transaction_or_appending_events_itself_is_caught()
    {
        var rule = ModuleRules.ModulesSaveAndPublishOnlyThroughTheirUnitOfWork(Types().That().ResideInNamespace("AddisPay.Rogue.Saving"));
        AssertViolatedBy(rule, "AddisPay.Rogue.Saving.RogueSave");
        // Both calls of the async method are seen (they live in its compiler-generated state machine).
        var calls = ModuleRules.ForbiddenCalls(Types().That().HaveFullName("AddisPay.Rogue.Saving.RogueSave").GetObjects(Architecture).Single()).ToList();
        Assert.Contains(calls, c => c.StartsWith("DbContextTransactionExtensions.GetDbTransaction(", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("EventLog.PublishAsync(", StringComparison.Ordinal));
    }

    [Fact]
    public void A_package_reference_is_caught_by_the_base_class_library_rule_but_the_framework_is_not()
    {
        // Shared references Npgsql (a package), ASP.NET Core (a framework beyond the base class library) and System.Runtime.
        var outside = ModuleRules.ReferencesOutsideTheBaseClassLibrary(Shared);
        Assert.Contains("Npgsql", outside);
        Assert.Contains(outside, name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Runtime", outside);
    }

    private static void AssertViolatedBy(ArchUnitNET.Fluent.IArchRule rule, string offender)
    {
        var failures = rule.Evaluate(Architecture).Where(r => !r.Passed).ToList();
        Assert.NotEmpty(failures);
        Assert.Contains(failures, f => f.Description.Contains(offender) || f.EvaluatedObjectIdentifier.Identifier.Contains(offender));
    }
}
