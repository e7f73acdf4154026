using System.Text.Json;
using AddisPay.Shared.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

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
            BusinessRuleException b => WithReason(new ProblemDetails { Status = b.StatusCode, Title = Title(b.StatusCode), Detail = b.Message }, b.Reason),
            BadHttpRequestException { InnerException: JsonException json } => Unreadable(json),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message },
            JsonException json => Unreadable(json),
            // The last line of defence for input the edge let through: PostgreSQL's refusal rolled the statement's
            // transaction back, so nothing was written, and the caller learns what kind of problem it was.
            _ when StoreFailure(exception) is { } store => store switch
            {
                { SqlState: PostgresErrorCodes.UniqueViolation } => new ProblemDetails { Status = 409, Title = Title(409), Detail = "Something with the same unique value already exists." },
                { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } =>
                    new ProblemDetails { Status = 409, Title = Title(409), Detail = "A concurrent change got there first; try again." },
                // Class 22: a value the database cannot take (a NUL character, a number out of range, text that is not a date).
                { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal) =>
                    new ProblemDetails { Status = 400, Title = "The request holds a value that cannot be stored.", Detail = store.MessageText },
                _ => null
            } ?? Unexpected(),
            ModuleUnavailableException m => new ProblemDetails { Status = 503, Title = "A module this request needs is unavailable.", Detail = m.Message },
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => null,
            _ => Unexpected()
        };
        if (problem is null) return true;
        if (problem.Status >= 500) logger.LogError(exception, "Request {Method} {Path} failed", http.Request.Method, http.Request.Path);
        else if (StoreFailure(exception) is { } refused)
            logger.LogWarning("Request {Method} {Path} was refused by the database ({SqlState}): {Reason}", http.Request.Method, http.Request.Path, refused.SqlState, refused.MessageText);

        http.Response.StatusCode = problem.Status!.Value;
        if (((exception as TooManyRequestsException)?.RetryAfter ?? (exception as ConflictException)?.RetryAfter) is { } wait)
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A refusal's stable name and facts beside the English detail, for clients that say it in their own words.</summary>
    private static ProblemDetails WithReason(ProblemDetails problem, Refusal? reason)
    {
        if (reason is null) return problem;
        problem.Extensions[Refusals.ReasonKey] = reason.Code;
        if (reason.Facts.Count > 0) problem.Extensions[Refusals.FactsKey] = reason.Facts;
        return problem;
    }

    private static ProblemDetails Unexpected() => new() { Status = 500, Title = "An unexpected error occurred." };

    /// <summary>Malformed JSON or a value of the wrong shape: a field error at the JSON path the serializer names.</summary>
    private static ProblemDetails Unreadable(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        // The serializer's own message ends with the path and position, which the field already says.
        var message = json.Message.Split(" Path: ", 2)[0];
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400, Title = "The request body could not be read."
        };
    }

    private static PostgresException? StoreFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException pg) return pg;
        return null;
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
