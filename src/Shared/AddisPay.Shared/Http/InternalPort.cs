using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace AddisPay.Shared.Http;

/// <summary>
/// With <c>AddisPay:InternalPort</c> set, the platform's own paths — pod-to-pod Contracts requests
/// (/internal), probes (/health) and scrapes (/metrics) — answer only on connections to that port, and the public
/// port answers only the API and the shop. The Ingress points at the public port, so a "/" rule that sends everything
/// else to the shop can never reach them, whatever path a visitor types. The check is on the port the connection
/// arrived on, not on a Host header a client could write. Unset (a laptop, `dotnet run`), one port serves everything.
/// </summary>
public static class InternalPort
{
    public const string ConfigurationKey = "AddisPay:InternalPort";

    private static readonly string[] PlatformPaths = ["/internal", "/health", "/metrics"];

    public static bool IsPlatformPath(PathString path) =>
        PlatformPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static IApplicationBuilder UseInternalPort(this IApplicationBuilder app, IConfiguration configuration)
    {
        var port = configuration.GetValue<int?>(ConfigurationKey);
        if (port is not > 0) return app;
        if (port > 65535) throw new InvalidOperationException($"{ConfigurationKey} must be a TCP port (1-65535).");
        return app.Use((http, next) =>
        {
            if ((http.Connection.LocalPort == port) == IsPlatformPath(http.Request.Path)) return next(http);
            // Nothing is here on this port: a plain 404, without saying that the other port has it.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
