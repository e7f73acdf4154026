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

    public Type? FindRequest(string module, string name) =>
        _requestsByModule.TryGetValue(module, out var byName) && byName.TryGetValue(name, out var t) ? t : null;

    public static bool IsRetrySafe(Type requestType) =>
        requestType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>))
        || typeof(IIdempotentCommand).IsAssignableFrom(requestType);
}
