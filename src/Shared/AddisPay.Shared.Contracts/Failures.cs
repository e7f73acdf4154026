namespace AddisPay.Shared.Contracts;

/// <summary>
/// Failures a handler reports to its caller. They map to RFC 9457 problem details over HTTP and are
/// rebuilt from them on the calling side of a cross-pod call, so callers see the same exception
/// whether the owning module runs in-process or in another pod.
/// </summary>
public abstract class BusinessRuleException(string message) : Exception(message)
{
    public abstract int StatusCode { get; }

    /// <summary>
    /// Why, as a stable name and the facts behind it, for a caller that says it in its own words (the storefront in
    /// Amharic); the message stays the English sentence for API clients and logs. Travels as the problem's "reason".
    /// </summary>
    public Refusal? Reason { get; init; }
}

/// <summary>
/// A refusal's stable name ("cart.only-available") and its facts as invariant text: numbers with a dot, amounts in
/// birr under names ending in "Etb", order statuses in snake_case as the API writes them.
/// </summary>
public sealed record Refusal(string Code, IReadOnlyDictionary<string, string> Facts)
{
    public static Refusal Of(string code, params (string Name, object? Value)[] facts) =>
        new(code, facts.ToDictionary(f => f.Name, f => Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
}

public sealed class NotFoundException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 404;
}

public sealed class ConflictException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 409;

    /// <summary>
    /// Set on a conflict that passes by itself (a request with the same Idempotency-Key still working): answered with a
    /// Retry-After header, and a calling pod retries a retry-safe request after it instead of failing.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// The thing changed since the caller read it (its version no longer matches): 412. Read it again and reapply the change;
/// nothing was written.
/// </summary>
public sealed class PreconditionFailedException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 412;
}

public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : BusinessRuleException("One or more fields are invalid.")
{
    public ValidationFailedException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
    public override int StatusCode => 400;
}

/// <summary>The caller is known but may not do this (yet): 403, with a detail saying what would allow it.</summary>
public sealed class ForbiddenException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 403;
}

/// <summary>
/// The caller could not be told apart from a stranger: wrong credentials, a session that ended (401). Modules derive
/// their own kinds; across pods the caller gets this base with the same detail.
/// </summary>
public class UnauthenticatedException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 401;
}

/// <summary>The thing exists and the caller proved who they are, but it is locked (an account an admin locked): 423.</summary>
public class LockedException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 423;
}

/// <summary>
/// An Idempotency-Key was used again with a different request: 422, as payment APIs answer. A new request needs a new key.
/// </summary>
public sealed class IdempotencyKeyReusedException(string message) : BusinessRuleException(message)
{
    public override int StatusCode => 422;
}

/// <summary>
/// Too many attempts of one kind: 429 with a Retry-After header of <see cref="RetryAfter"/> (whole seconds, rounded up),
/// so a client knows when to come back.
/// </summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : BusinessRuleException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
    public override int StatusCode => 429;
}

/// <summary>The owning module could not be reached or answered with an unexpected failure.</summary>
public sealed class ModuleUnavailableException(string module, string message, Exception? inner = null)
    : Exception($"Module '{module}' is unavailable: {message}", inner)
{
    public string Module { get; } = module;
}
