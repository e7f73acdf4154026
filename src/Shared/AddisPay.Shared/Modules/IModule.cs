using Microsoft.AspNetCore.Routing;

namespace AddisPay.Shared.Modules;

/// <summary>
/// A business module as the Host sees it: a name, the services it needs when it runs in this
/// process, and the endpoints it maps under /api/{name}.
/// </summary>
public interface IModule
{
    /// <summary>Lower-case name used in /api/{name}, AddisPay:Modules and AddisPay:Endpoints:{name}.</summary>
    string Name { get; }

    /// <summary>The module's Contracts assembly: the only part of it other modules may see.</summary>
    System.Reflection.Assembly Contracts { get; }

    void Register(ModuleRegistration module);

    void MapEndpoints(IEndpointRouteBuilder api);
}
