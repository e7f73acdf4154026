using System.Reflection;
using AddisPay.Shared.Contracts;
using ArchUnitNET.Loader;

namespace AddisPay.DeploymentTests;

/// <summary>
/// Which module sends requests to which, read from the compiled code: module A → B when A's
/// implementation uses a request type (a Mediator message) from B's Contracts. Events are not requests:
/// they travel through the database, so they open no network path. A platform request addressed to a module by name
/// (<see cref="IModuleAddressed"/>: an inbox's dead letters, replay, status) may go to any module with an inbox, so a module
/// using one calls every module that handles events.
/// </summary>
public static class ContractsGraph
{
    public static IReadOnlySet<(string From, string To)> Requests()
    {
        var modules = typeof(Program).Assembly.GetReferencedAssemblies()
            .Select(Assembly.Load)
            .Where(a => a.GetTypes().Any(t => typeof(AddisPay.Shared.Modules.IModule).IsAssignableFrom(t) && !t.IsInterface))
            .ToList();
        var contracts = modules.ToDictionary(
            m => m,
            m => ((AddisPay.Shared.Modules.IModule)Activator.CreateInstance(m.GetTypes().Single(t => typeof(AddisPay.Shared.Modules.IModule).IsAssignableFrom(t)))!));
        var requestTypes = contracts.Values
            .SelectMany(c => c.Contracts.GetExportedTypes().Where(t => typeof(Mediator.IMessage).IsAssignableFrom(t)).Select(t => (Type: t, Owner: c.Name)))
            .ToDictionary(x => x.Type.FullName!, x => x.Owner);

        var addressed = typeof(IModuleAddressed).Assembly.GetExportedTypes()
            .Where(t => typeof(IModuleAddressed).IsAssignableFrom(t) && typeof(Mediator.IMessage).IsAssignableFrom(t)).Select(t => t.FullName!).ToHashSet();
        var withInbox = contracts.Where(c => c.Key.GetTypes().Any(t => t.GetInterfaces().Any(i =>
                i.IsGenericType && i.GetGenericTypeDefinition() == typeof(AddisPay.Shared.Events.IIntegrationEventHandler<>))))
            .Select(c => c.Value.Name).ToList();

        var architecture = new ArchLoader().LoadAssemblies(modules.ToArray()).Build();
        var edges = new HashSet<(string, string)>();
        foreach (var (assembly, module) in contracts)
        {
            var uses = architecture.Types.Where(t => t.Assembly.FullName == assembly.FullName)
                .SelectMany(t => t.Dependencies).Select(d => d.Target.FullName);
            foreach (var used in uses)
            {
                if (requestTypes.TryGetValue(used, out var owner) && owner != module.Name) edges.Add((module.Name, owner));
                if (addressed.Contains(used))
                    foreach (var target in withInbox.Where(m => m != module.Name)) edges.Add((module.Name, target));
            }
        }
        return edges;
    }
}
