using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AddisPay.Orders.Domain;

internal abstract record KeyClaim
{
    /// <summary>
    /// This request owns the key and will place order <see cref="OrderId"/>; <see cref="Number"/> is the order number drawn
    /// with the claim (null when an abandoned claim was taken over: the order draws its own).
    /// </summary>
    public sealed record Claimed(Guid OrderId, long? Number) : KeyClaim;

    /// <summary>The key already has an answer: send it again.</summary>
    public sealed record Replay(int Status, string Body) : KeyClaim;
}

/// <summary>
/// Idempotency-Key handling with the semantics payment APIs use: the first completed response is stored
/// and replayed; the same key with another body is refused (422); a request arriving while the key is
/// still being worked on gets 409; keys are forgotten after a configurable time (24 h by default).
/// Claims are made with single SQL statements so concurrent requests can't both win.
/// </summary>
internal sealed class IdempotencyKeys(OrdersDbContext db, IOptions<OrdersOptions> options, TimeProvider clock)
{
    public static string Hash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    public async Task<KeyClaim> ClaimAsync(Guid customerId, string key, string requestHash, CancellationToken ct)
    {
        var o = options.Value;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var orderId = Guid.CreateVersion7();
            // The order number is drawn by the claim itself, a round trip fewer per order. A claim that ends without an
            // order leaves a gap in the numbers, as a rolled-back order did before: they are unique, not gapless
            // (receipt numbers, which must be gapless, are counted in Payments).
            var drawn = await IdempotencyKeySql.ClaimOrderKeyAsync(db, customerId, key, requestHash, orderId, now, now + o.IdempotencyLock,
                now + o.IdempotencyKeyLifetime, ct);
            if (drawn is { } number) return new KeyClaim.Claimed(orderId, number);

            var existing = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.CustomerId == customerId && k.Key == key, ct);
            if (existing is null) continue; // removed meanwhile (expired or released): try again
            if (existing.ExpiresAt <= now)
            {
                await db.IdempotencyKeys.Where(k => k.CustomerId == customerId && k.Key == key && k.ExpiresAt <= now).ExecuteDeleteAsync(ct);
                continue;
            }
            if (existing.RequestHash != requestHash)
                throw new IdempotencyKeyReusedException($"Idempotency-Key '{key}' was already used with a different request; use a new key for a new order.");
            if (existing.Completed) return new KeyClaim.Replay(existing.ResponseStatus!.Value, existing.ResponseBody!);
            if (existing.LockedUntil > now)
                throw new ConflictException($"A request with Idempotency-Key '{key}' is still being processed; retry in a moment.") { Reason = Refusal.Of("request.in-progress"), RetryAfter = TimeSpan.FromSeconds(1) };

            // The earlier attempt crashed mid-way: take the key over, keeping its order id so its stock hold is reused.
            var lockedUntil = now + o.IdempotencyLock;
            var taken = await db.IdempotencyKeys
                .Where(k => k.CustomerId == customerId && k.Key == key && k.LockedUntil == existing.LockedUntil && k.ResponseStatus == null)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LockedUntil, lockedUntil), ct);
            if (taken == 1) return new KeyClaim.Claimed(existing.OrderId, null);
            throw new ConflictException($"A request with Idempotency-Key '{key}' is still being processed; retry in a moment.") { Reason = Refusal.Of("request.in-progress"), RetryAfter = TimeSpan.FromSeconds(1) };
        }
        throw new ConflictException($"Idempotency-Key '{key}' is contended; retry in a moment.") { Reason = Refusal.Of("request.in-progress"), RetryAfter = TimeSpan.FromSeconds(1) };
    }

    /// <summary>
    /// Stores the response with the caller's next SaveChanges (in the same batch as the order, so one round trip and
    /// one transaction: the order and its stored answer commit together).
    /// </summary>
    public void Complete(Guid customerId, string key, int status, string body)
    {
        var record = db.IdempotencyKeys.Attach(new IdempotencyRecord { CustomerId = customerId, Key = key });
        record.Entity.ResponseStatus = status;
        record.Entity.ResponseBody = body;
        record.Property(r => r.ResponseStatus).IsModified = true;
        record.Property(r => r.ResponseBody).IsModified = true;
    }

    /// <summary>
    /// Forgets a claim whose request failed before placing anything, so the client may retry with the same key
    /// once it fixed the problem (a failure leaves no order behind, so there is nothing to replay).
    /// </summary>
    public async Task ReleaseAsync(Guid customerId, string key)
    {
        try
        {
            await db.IdempotencyKeys.Where(k => k.CustomerId == customerId && k.Key == key && k.ResponseStatus == null).ExecuteDeleteAsync();
        }
        catch (NpgsqlException)
        {
            // The lock times out on its own.
        }
    }

    /// <summary>Whether a request holding the key is still at work: claimed, not answered, its lock not run out.</summary>
    public Task<bool> InFlightAsync(Guid customerId, string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.IdempotencyKeys.AsNoTracking()
            .AnyAsync(k => k.CustomerId == customerId && k.Key == key && k.ResponseStatus == null && k.LockedUntil > now, ct);
    }

    public Task<int> ForgetExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.IdempotencyKeys.Where(k => k.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}
