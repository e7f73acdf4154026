namespace AddisPay.Orders.Domain;

/// <summary>
/// One Idempotency-Key of one customer: the request it was first used with (by hash) and, once done, the
/// response it got, replayed to every retry until the key expires.
/// </summary>
internal sealed class IdempotencyRecord
{
    public Guid CustomerId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    /// <summary>Chosen when the key is first seen, so a retry after a crash reuses the same stock reservation.</summary>
    public Guid OrderId { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>While in flight, other requests with the key get 409; past this time a crashed attempt may be taken over.</summary>
    public DateTimeOffset LockedUntil { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public bool Completed => ResponseStatus is not null;
}
