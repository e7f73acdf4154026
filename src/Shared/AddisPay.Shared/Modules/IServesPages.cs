using Microsoft.AspNetCore.Builder;

namespace AddisPay.Shared.Modules;

/// <summary>A module that also serves web pages at the site root (the storefront), not only an API under /api/{name}.</summary>
public interface IServesPages
{
    /// <summary>Adds the pages' middleware and endpoints; called after authentication and authorization, only where the module runs.</summary>
    void MapPages(WebApplication app);
}
