using System.Collections.Concurrent;
using System.Reflection;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Modules;
using Mediator;

namespace AddisPay.Shared.Messaging;

/// <summary>Knows which module owns each Contracts request, and each module's requests by name.</summary>
public sealed class ModuleDirectory
{
    private readonly Dictionary<string, Dictionary<string, Type>> _requestsByModule;
    private readonly ConcurrentDictionary<Type, string?> _owners = new();

    public ModuleDirectory(IEnumerable<IModule> modules)
    {
        _requestsByModule = modules.ToDictionary(
            m => m.Name,
            m => m.Contracts.GetExportedTypes()
                .Where(t => typeof(IMessage).IsAssignableFrom(t) && !t.IsAbstract && !t.IsGenericTypeDefinition)
                .ToDictionary(t => t.Name, StringComparer.Ordinal),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The module that owns <paramref name="requestType"/>, or null for a module-internal request.</summary>
    public string? OwnerOf(Type requestType) => _owners.GetOrAdd(requestType,
        t => t.Assembly.GetCustomAttribute<ModuleContractsAttribute>()?.Module);

    /// <summary>
    /// A module's request by name: one of its Contracts, or a platform request addressed to a module by name
    /// (<see cref="IModuleAddressed"/>: its dead letters), which every module answers for itself.
    /// </summary>
    public Type? FindRequest(string module, string name) =>
        !_requestsByModule.TryGetValue(module, out var byName) ? null
        : byName.TryGetValue(name, out var t) ? t
        : ModuleAddressed.GetValueOrDefault(name);

    private static readonly Dictionary<string, Type> ModuleAddressed = typeof(IModuleAddressed).Assembly.GetExportedTypes()
        .Where(t => typeof(IModuleAddressed).IsAssignableFrom(t) && typeof(IMessage).IsAssignableFrom(t) && !t.IsAbstract)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static bool IsRetrySafe(Type requestType) =>
        requestType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>))
        || typeof(IIdempotentCommand).IsAssignableFrom(requestType);
}
