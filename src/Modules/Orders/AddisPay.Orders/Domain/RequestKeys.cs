using System.Text.Json;
using AddisPay.Orders.PlaceOrder;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Orders.Domain;

/// <summary>An answer, and whether it is the stored answer to an earlier request with the same Idempotency-Key.</summary>
internal sealed record Keyed<T>(T Value, bool Replayed);

/// <summary>
/// Idempotency-Key for requests other than placing an order (starting a payment, issuing a refund), with the semantics of
/// orders: the same key with the same request gets the first answer again; with another request 422; while the first is
/// still working 409; a request that fails leaves no key behind; keys are forgotten after IdempotencyKeyLifetime. Claims
/// are single statements, so two requests can't both win a key.
/// </summary>
internal sealed class RequestKeys(OrdersDbContext db, ModuleWork<OrdersDbContext> orderWork, IOptions<OrdersOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider clock)
{
    public const string PaymentStart = "payment_start";
    public const string Refund = "refund";

    /// <summary>The header's rule, as for orders: present, and at most 255 characters.</summary>
    public static string? Problem(string? key) => key is not null && (string.IsNullOrWhiteSpace(key) || key.Length > 255)
        ? "An Idempotency-Key is 1 to 255 characters (e.g. a UUID); send the same one to retry the same request."
        : null;

    /// <summary>
    /// Runs <paramref name="work"/> once per key. The work is handed a callback that stores its answer: a work that
    /// commits a change calls it inside its transaction, so the change and the stored answer commit together (a crash
    /// between them could otherwise repeat the change on a retry); otherwise the answer is stored when the work returns.
    /// Without a key the work simply runs.
    /// </summary>
    public async Task<Keyed<T>> OnceAsync<T>(string operation, Guid callerId, string? key, object request, Func<Func<T, Task>, Task<T>> work,
        CancellationToken ct)
    {
        if (key is null) return new Keyed<T>(await work(_ => Task.CompletedTask), false);

        var hash = IdempotencyKeys.Hash(JsonSerializer.Serialize(request, request.GetType()));
        if (await ClaimAsync(operation, callerId, key, hash, ct) is { } stored)
            return new Keyed<T>(JsonSerializer.Deserialize<T>(stored, json.Value.SerializerOptions)!, true);

        var answered = false;
        try
        {
            var value = await work(async answer =>
            {
                await CompleteAsync(operation, callerId, key, answer, ct);
                answered = true;
            });
            if (!answered) await CompleteAsync(operation, callerId, key, value, ct);
            return new Keyed<T>(value, false);
        }
        catch
        {
            // What the failed work began is rolled back first; the key is then released on its own.
            await orderWork.AbandonAsync();
            await ReleaseAsync(operation, callerId, key);
            throw;
        }
    }

    /// <summary>Null when this request now holds the key; the stored answer when the key already has one.</summary>
    private async Task<string?> ClaimAsync(string operation, Guid callerId, string key, string requestHash, CancellationToken ct)
    {
        var o = options.Value;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            if (await IdempotencyKeySql.ClaimRequestKeyAsync(db, operation, callerId, key, requestHash, now, now + o.IdempotencyLock,
                    now + o.IdempotencyKeyLifetime, ct))
                return null;

            var existing = await db.RequestKeys.AsNoTracking()
                .FirstOrDefaultAsync(k => k.Operation == operation && k.CallerId == callerId && k.Key == key, ct);
            if (existing is null) continue; // released or forgotten meanwhile: try again
            if (existing.ExpiresAt <= now)
            {
                await db.RequestKeys.Where(k => k.Operation == operation && k.CallerId == callerId && k.Key == key && k.ExpiresAt <= now)
                    .ExecuteDeleteAsync(ct);
                continue;
            }
            if (existing.RequestHash != requestHash)
                throw new IdempotencyKeyReusedException($"Idempotency-Key '{key}' was already used with a different request; use a new key for a new request.");
            if (existing.ResponseBody is { } body) return body;
            if (existing.LockedUntil > now)
                throw new ConflictException($"A request with Idempotency-Key '{key}' is still being processed; retry in a moment.") { Reason = Refusal.Of("request.in-progress"), RetryAfter = TimeSpan.FromSeconds(1) };

            // The earlier attempt crashed mid-way, and committed nothing the key answers for: take the key over.
            var lockedUntil = now + o.IdempotencyLock;
            var taken = await db.RequestKeys
                .Where(k => k.Operation == operation && k.CallerId == callerId && k.Key == key
                    && k.LockedUntil == existing.LockedUntil && k.ResponseStatus == null)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LockedUntil, lockedUntil), ct);
            if (taken == 1) return null;
            throw new ConflictException($"A request with Idempotency-Key '{key}' is still being processed; retry in a moment.") { Reason = Refusal.Of("request.in-progress"), RetryAfter = TimeSpan.FromSeconds(1) };
        }
        throw new ConflictException($"Idempotency-Key '{key}' is contended; retry in a moment.") { Reason = Refusal.Of("request.in-progress"), RetryAfter = TimeSpan.FromSeconds(1) };
    }

    private async Task CompleteAsync<T>(string operation, Guid callerId, string key, T answer, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(answer, json.Value.SerializerOptions);
        await db.RequestKeys.Where(k => k.Operation == operation && k.CallerId == callerId && k.Key == key && k.ResponseStatus == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.ResponseStatus, 200).SetProperty(x => x.ResponseBody, body), ct);
    }

    private async Task ReleaseAsync(string operation, Guid callerId, string key)
    {
        try
        {
            await db.RequestKeys.Where(k => k.Operation == operation && k.CallerId == callerId && k.Key == key && k.ResponseStatus == null)
                .ExecuteDeleteAsync();
        }
        catch (NpgsqlException)
        {
            // The lock times out on its own.
        }
    }

    public Task<int> ForgetExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.RequestKeys.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}
