using Microsoft.AspNetCore.Builder;

namespace AddisPay.Shared.Http;

/// <summary>
/// Endpoint metadata: the endpoint refuses a request without this header (400), so the API document marks the header
/// parameter required. A header the endpoint takes optionally (an [FromHeader] string?) stays optional there.
/// </summary>
public sealed record RequiredHeader(string Name);

public static class RequiredHeaders
{
    public static TBuilder RequiresHeader<TBuilder>(this TBuilder endpoint, string name) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new RequiredHeader(name));
}
