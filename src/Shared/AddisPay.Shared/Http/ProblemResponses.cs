using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AddisPay.Shared.Http;

/// <summary>
/// Every error answer is problem+json, whatever the client's Accept header says and whoever produced the status: the
/// framework's writer gives up when Accept names neither JSON nor a wildcard (it would fall back to a text body or none),
/// and routing's 404/405, a 415 or a bare status from an endpoint reach the client with no body at all.
/// </summary>
public static class ProblemResponses
{
    internal static void AddProblemJsonForEveryClient(this IServiceCollection services) =>
        // After AddProblemDetails: the default writer answers first when the client accepts JSON; this one answers the rest.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>());

    /// <summary>A 4xx/5xx that left the pipeline with an empty body gets a problem body for its status.</summary>
    internal static IApplicationBuilder UseProblemStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = new ProblemDetails { Status = context.HttpContext.Response.StatusCode }
            }).AsTask());

    private sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var http = context.HttpContext;
            var problem = context.ProblemDetails;
            problem.Status ??= http.Response.StatusCode;
            problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
            problems.Value.CustomizeProblemDetails?.Invoke(context);
            return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json.Value.SerializerOptions,
                "application/problem+json", http.RequestAborted));
        }
    }
}
