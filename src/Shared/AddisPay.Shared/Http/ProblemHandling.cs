using AddisPay.Shared.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace AddisPay.Shared.Http;

/// <summary>
/// Turns every failure into RFC 9457 problem details: business rule failures keep their status,
/// malformed input is a 400, an unreachable module a 503, and anything else a 500 without internals.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            ValidationFailedException v => new ValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = 400, Title = "One or more fields are invalid."
            },
            BusinessRuleException b => new ProblemDetails { Status = b.StatusCode, Title = Title(b.StatusCode), Detail = b.Message },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode, Title = "The request could not be read.",
                Detail = bad.InnerException is System.Text.Json.JsonException json ? json.Message : bad.Message
            },
            System.Text.Json.JsonException json => new ProblemDetails { Status = 400, Title = "The request body is not valid JSON.", Detail = json.Message },
            ModuleUnavailableException m => new ProblemDetails { Status = 503, Title = "A module this request needs is unavailable.", Detail = m.Message },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ => new ProblemDetails { Status = 500, Title = "An unexpected error occurred." }
        };
        if (problem is null) return true;
        if (problem.Status >= 500) logger.LogError(exception, "Request {Method} {Path} failed", http.Request.Method, http.Request.Path);

        http.Response.StatusCode = problem.Status!.Value;
        if (exception is TooManyRequestsException tooMany)
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(tooMany.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static string Title(int status) => status switch
    {
        403 => "Not allowed.",
        404 => "Not found.",
        409 => "The request conflicts with the current state.",
        412 => "The resource changed since you read it.",
        429 => "Too many requests.",
        _ => "The request was refused."
    };
}
