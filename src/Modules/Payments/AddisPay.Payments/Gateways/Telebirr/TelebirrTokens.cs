namespace AddisPay.Payments.Gateways.Telebirr;

/// <summary>
/// The fabric token of this process (a singleton): applied for once, used by every call until shortly before
/// it expires, and forgotten when telebirr refuses it. Concurrent callers wait for one application.
/// </summary>
internal sealed class TelebirrTokens(TimeProvider clock)
{
    /// <summary>Used when telebirr's reply carries no readable validity (its tokens last about an hour).</summary>
    public static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _current;

    private sealed record Entry(string Key, string Token, DateTimeOffset RenewAt);

    /// <param name="key">Whose token it is (base URL and app id): another configuration never gets this one.</param>
    /// <param name="apply">Applies for a new token; returns it with its lifetime, if telebirr said.</param>
    public async Task<string> GetAsync(string key, Func<CancellationToken, Task<(string Token, TimeSpan? Lifetime)>> apply, CancellationToken ct)
    {
        if (Fresh(key) is { } token) return token;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(key) is { } raced) return raced;
            var (applied, lifetime) = await apply(ct);
            var life = lifetime is { } l && l > TimeSpan.Zero ? l : AssumedLifetime;
            // Renew a fifth of the lifetime early (at most five minutes): a call never leaves with a token about to lapse.
            var margin = TimeSpan.FromTicks(Math.Min(life.Ticks / 5, TimeSpan.FromMinutes(5).Ticks));
            _current = new Entry(key, applied, clock.GetUtcNow() + life - margin);
            return applied;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>telebirr refused this token (revoked, or expired earlier than announced): the next call applies anew.</summary>
    public void Forget(string token)
    {
        var current = _current;
        if (current?.Token == token) Interlocked.CompareExchange(ref _current, null, current);
    }

    private string? Fresh(string key) => _current is { } c && c.Key == key && clock.GetUtcNow() < c.RenewAt ? c.Token : null;
}
