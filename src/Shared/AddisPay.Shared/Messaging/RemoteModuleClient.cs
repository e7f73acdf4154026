using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AddisPay.Shared.Messaging;

/// <summary>
/// Sends a Contracts request to the pods of the module that owns it. The caller's bearer token travels
/// along (so the owner authorizes the same user), as does the W3C trace context (added by HttpClient's
/// diagnostics handler), so one trace spans both pods.
/// </summary>
public sealed class RemoteModuleClient(IHttpClientFactory clients, IHttpContextAccessor httpContext, IOptions<InternalApiOptions> options)
{
    public const string RetryingClient = "modules:retrying";
    public const string SingleShotClient = "modules:single-shot";

    /// <summary>
    /// Two clients: every call has timeouts and a circuit breaker, but only requests that are safe to repeat
    /// (queries, <see cref="IIdempotentCommand"/>s) are retried; repeating a plain command could apply it twice.
    /// Each owner's address has its own pipeline, so its own breaker: with one per client, one module timing out (a cold
    /// process under load) opened the circuit for every module the process calls, and Orders answered 503 for calls to
    /// healthy ones (the likely cause of the split workload mix's 503s at placing an order and starting its payment).
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<RemoteModuleClient>();
        services.AddHttpClient(SingleShotClient)
            .AddStandardResilienceHandler()
            .SelectPipelineBy(_ => PerOwner)
            .Configure((o, provider) =>
            {
                var api = provider.GetRequiredService<IOptions<InternalApiOptions>>().Value;
                o.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                o.AttemptTimeout.Timeout = api.CommandTimeout;
                o.TotalRequestTimeout.Timeout = api.TotalTimeout;
                o.CircuitBreaker.SamplingDuration = SamplingFor(api.CommandTimeout);
            });
        services.AddHttpClient(RetryingClient)
            .AddStandardResilienceHandler()
            .SelectPipelineBy(_ => PerOwner)
            .Configure((o, provider) =>
            {
                var api = provider.GetRequiredService<IOptions<InternalApiOptions>>().Value;
                o.Retry.MaxRetryAttempts = 3;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                // Also a 409 with Retry-After: the owner still works on an earlier attempt with the same Idempotency-Key
                // (one this client gave up on after its attempt timeout); its answer is replayed once it is done.
                o.Retry.ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    || args.Outcome.Result is { StatusCode: HttpStatusCode.Conflict, Headers.RetryAfter: not null });
                o.AttemptTimeout.Timeout = api.AttemptTimeout;
                o.TotalRequestTimeout.Timeout = api.TotalTimeout;
                o.CircuitBreaker.SamplingDuration = SamplingFor(api.AttemptTimeout);
            });
    }

    // Scheme, host and port of an owner's address (a pod-to-pod service name, no secret): the pipeline's key, also in its metrics.
    private static string PerOwner(HttpRequestMessage request) => request.RequestUri!.GetLeftPart(UriPartial.Authority);

    // The breaker must see at least two attempts' worth of outcomes (the resilience options refuse less).
    private static TimeSpan SamplingFor(TimeSpan attempt) => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, attempt.Ticks * 2));

    public async Task<TResponse> SendAsync<TMessage, TResponse>(string module, TMessage message, CancellationToken ct)
    {
        var baseAddress = options.Value.EndpointFor(module)
            ?? throw new ModuleUnavailableException(module,
                $"it is not enabled in this process and no address is configured (AddisPay:Endpoints:{module}).");

        var client = clients.CreateClient(ModuleDirectory.IsRetrySafe(typeof(TMessage)) ? RetryingClient : SingleShotClient);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, InternalApi.RequestPath(module, typeof(TMessage).Name)))
        {
            Content = JsonContent.Create(message, typeof(TMessage), options: InternalApi.Json)
        };
        request.Headers.Add(InternalApi.KeyHeader, options.Value.Key);
        var authorization = httpContext.HttpContext?.Request.Headers.Authorization.ToString();
        if (!string.IsNullOrEmpty(authorization)) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException && !ct.IsCancellationRequested)
        {
            throw new ModuleUnavailableException(module, ex.Message, ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<TResponse>(InternalApi.Json, ct))!;
            throw await RebuildFailureAsync(module, response, ct);
        }
    }

    internal static async Task<Exception> RebuildFailureAsync(string module, HttpResponseMessage response, CancellationToken ct)
    {
        ValidationProblemDetails? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(InternalApi.Json, ct);
        }
        catch (JsonException) { }

        var detail = problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "error";
        var reason = Refusals.Read(problem);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound when problem is not null => new NotFoundException(detail) { Reason = reason },
            HttpStatusCode.PreconditionFailed when problem is not null => new PreconditionFailedException(detail) { Reason = reason },
            HttpStatusCode.Conflict => new ConflictException(detail) { Reason = reason, RetryAfter = response.Headers.RetryAfter?.Delta },
            HttpStatusCode.Unauthorized when problem is not null => new UnauthenticatedException(detail) { Reason = reason },
            HttpStatusCode.Locked when problem is not null => new LockedException(detail) { Reason = reason },
            HttpStatusCode.Forbidden when problem is not null && problem.Title != InternalApi.KeyRefusedTitle => new ForbiddenException(detail) { Reason = reason },
            HttpStatusCode.TooManyRequests when problem is not null => new TooManyRequestsException(detail, response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero) { Reason = reason },
            HttpStatusCode.BadRequest when problem?.Errors.Count > 0 => new ValidationFailedException(problem.Errors.AsReadOnly()),
            HttpStatusCode.UnprocessableEntity when problem is not null => new IdempotencyKeyReusedException(detail) { Reason = reason },
            _ => new ModuleUnavailableException(module, $"{(int)response.StatusCode} {detail}")
        };
    }
}
