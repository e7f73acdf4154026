namespace AddisPay.Orders.Domain;

/// <summary>
/// One Idempotency-Key of one caller for one kind of request (a payment start, a refund): the request it was first used
/// with (by hash) and, once done, the answer it got, replayed to every retry until the key expires. Placing orders keeps
/// its own keys (PlaceOrder/IdempotencyRecord), which also carry the order id and number drawn with the claim.
/// </summary>
internal sealed class RequestKey
{
    /// <summary><see cref="RequestKeys.PaymentStart"/> or <see cref="RequestKeys.Refund"/>: one key space per kind of request.</summary>
    public string Operation { get; set; } = "";
    /// <summary>The customer starting a payment, the staff member refunding.</summary>
    public Guid CallerId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>While in flight, other requests with the key get 409; past this time a crashed attempt may be taken over.</summary>
    public DateTimeOffset LockedUntil { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
