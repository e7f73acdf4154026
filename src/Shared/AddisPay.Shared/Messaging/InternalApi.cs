using System.Text.Json;
using System.Text.Json.Serialization;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Modules;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AddisPay.Shared.Messaging;

public sealed class InternalApiOptions
{
    public string Key { get; set; } = "";
    public Dictionary<string, string> Endpoints { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>One attempt of a request that is safe to repeat (queries, idempotent commands), retried up to three times.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The single attempt of a command that is not safe to repeat: longer, as it gets no second chance.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>All attempts of one request together.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public const string Section = "AddisPay:InternalRequests";

    /// <summary>Why the timeouts can't work together, or null.</summary>
    public string? TimeoutsProblem() =>
        AttemptTimeout <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero ? $"{Section}: timeouts must be positive."
        : TotalTimeout <= AttemptTimeout || TotalTimeout <= CommandTimeout
            ? $"{Section}:TotalTimeout ({TotalTimeout}) must be longer than AttemptTimeout ({AttemptTimeout}) and CommandTimeout ({CommandTimeout})."
            : null;

    public Uri? EndpointFor(string module) =>
        Endpoints.TryGetValue(module, out var url) && !string.IsNullOrWhiteSpace(url) ? new Uri(url.TrimEnd('/') + "/") : null;
}

/// <summary>
/// The pod-to-pod side of Contracts requests: POST /internal/{module}/requests/{Request}. Not routed by
/// the Ingress, and only answered for callers that present the cluster's internal key.
/// </summary>
public static class InternalApi
{
    public const string KeyHeader = "X-AddisPay-Internal-Key";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() }
    };

    /// <summary>The title of the refusal of a caller without the key: not a module's 403, so never rebuilt as one.</summary>
    public const string KeyRefusedTitle = "Internal API key missing or wrong.";

    public static string RequestPath(string module, string requestName) => $"internal/{module}/requests/{requestName}";

    public static void MapInternalRequests(this IEndpointRouteBuilder app, IModule module)
    {
        app.MapPost($"/internal/{module.Name}/requests/{{request}}", async (string request, HttpContext http,
                ModuleDirectory directory, ISender sender, IOptions<InternalApiOptions> options, CancellationToken ct) =>
            {
                if (!KeyMatches(http.Request.Headers[KeyHeader].ToString(), options.Value.Key))
                    return Results.Problem(statusCode: 403, title: KeyRefusedTitle);

                var type = directory.FindRequest(module.Name, request);
                if (type is null)
                    return Results.Problem(statusCode: 404, title: $"Module '{module.Name}' has no request named '{request}'.");

                var message = await JsonSerializer.DeserializeAsync(http.Request.Body, type, Json, ct)
                    ?? throw new ValidationFailedException("body", "A request body is required.");
                // Answered only by the module it names: a pod not running it would forward it again, maybe back here.
                if (message is IModuleAddressed addressed && !addressed.Module.Equals(module.Name, StringComparison.OrdinalIgnoreCase))
                    return Results.Problem(statusCode: 404, title: $"This is module '{module.Name}', not '{addressed.Module}'.");
                var result = await sender.Send(message, ct);
                return Results.Text(JsonSerializer.Serialize(result, result?.GetType() ?? typeof(object), Json), "application/json");
            })
            .ExcludeFromDescription()
            .AllowAnonymous() // The key check above is the gate; the caller's own token, if any, still authenticates the user.
            .DisableRateLimiting(); // pod-to-pod: a few addresses carrying every customer's calls, behind the key
    }

    private static bool KeyMatches(string presented, string expected) =>
        expected.Length > 0 && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
