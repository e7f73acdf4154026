using System.Globalization;
using AddisPay.Market;

namespace AddisPay.Orders.Domain;

public enum CouponKind { Percentage, Fixed }

/// <summary>
/// A promotion code. Orders owns coupons because a discount only becomes real when an order is placed:
/// that is where usage is counted (in the order's own transaction), so limits hold under concurrency.
/// Carts show the code's effect through the checkout quote.
/// </summary>
internal sealed class Coupon
{
    public string Code { get; set; } = "";
    public CouponKind Kind { get; set; }
    /// <summary>Percent (1–100) or an amount in ETB.</summary>
    public decimal Value { get; set; }
    public decimal MinimumOrderEtb { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int? UsageLimit { get; set; }
    public int? PerCustomerLimit { get; set; }
    public int TimesUsed { get; set; }
    /// <summary>False once staff ended it: checkout refuses it from then on.</summary>
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: an edit made from a stale form is refused rather than undoing another's change.</summary>
    public uint Version { get; set; }

    /// <summary>
    /// Where the coupon stands at <paramref name="now"/>, as staff list it: ended (by staff) before expired before used up
    /// before scheduled, so each coupon has exactly one status and <see cref="InStatus"/> finds it under that one.
    /// </summary>
    public string StatusAt(DateTimeOffset now) =>
        !Active ? CouponStatus.Ended
        : ExpiresAt is { } e && e <= now ? CouponStatus.Expired
        : UsageLimit is { } limit && TimesUsed >= limit ? CouponStatus.UsedUp
        : StartsAt is { } s && s > now ? CouponStatus.Scheduled
        : CouponStatus.Active;

    /// <summary>The coupons in <paramref name="status"/> at <paramref name="now"/>, as a query the database runs (the same order of rules as <see cref="StatusAt"/>).</summary>
    public static System.Linq.Expressions.Expression<Func<Coupon, bool>> InStatus(string status, DateTimeOffset now) => status switch
    {
        CouponStatus.Ended => c => !c.Active,
        CouponStatus.Expired => c => c.Active && c.ExpiresAt != null && c.ExpiresAt <= now,
        CouponStatus.UsedUp => c => c.Active && (c.ExpiresAt == null || c.ExpiresAt > now) && c.UsageLimit != null && c.TimesUsed >= c.UsageLimit,
        CouponStatus.Scheduled => c => c.Active && (c.ExpiresAt == null || c.ExpiresAt > now) && (c.UsageLimit == null || c.TimesUsed < c.UsageLimit)
                                       && c.StartsAt != null && c.StartsAt > now,
        CouponStatus.Active => c => c.Active && (c.ExpiresAt == null || c.ExpiresAt > now) && (c.UsageLimit == null || c.TimesUsed < c.UsageLimit)
                                    && (c.StartsAt == null || c.StartsAt <= now),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a coupon status.")
    };

    /// <summary>The discount on <paramref name="subtotalEtb"/>, or why the coupon can't be used (409).</summary>
    public decimal DiscountOn(decimal subtotalEtb, DateTimeOffset now)
    {
        if (!Active) throw Refused("coupon.ended", $"Coupon {Code} is no longer valid.");
        if (StartsAt is { } s && now < s) throw Refused("coupon.not-yet", $"Coupon {Code} is not valid yet.");
        if (ExpiresAt is { } e && now >= e) throw Refused("coupon.expired", $"Coupon {Code} has expired.");
        if (UsageLimit is { } limit && TimesUsed >= limit) throw UsedUp(Code);
        if (subtotalEtb < MinimumOrderEtb)
            throw new ConflictException(string.Create(CultureInfo.InvariantCulture, $"Coupon {Code} needs an order of at least {MinimumOrderEtb:0.00} ETB."))
            {
                Reason = Refusal.Of("coupon.min-spend", ("coupon", Code), ("minimumEtb", MinimumOrderEtb))
            };
        var discount = Kind == CouponKind.Percentage
            ? Etb.ToSantim(subtotalEtb * Value / 100m)
            : Value;
        return Math.Min(discount, subtotalEtb);
    }

    /// <summary>The last use went to another order: counted at order time as well as checked at quote time.</summary>
    public static ConflictException UsedUp(string code) => Refused("coupon.used-up", $"Coupon {code} has been used up.", code);

    private ConflictException Refused(string reason, string message) => Refused(reason, message, Code);

    private static ConflictException Refused(string reason, string message, string code) =>
        new(message) { Reason = Refusal.Of(reason, ("coupon", code)) };
}

/// <summary>A coupon's status as staff see it (the names the back office's filter sends).</summary>
internal static class CouponStatus
{
    public const string Active = "active";
    public const string Scheduled = "scheduled";
    public const string Expired = "expired";
    public const string UsedUp = "used_up";
    public const string Ended = "ended";
}

internal sealed class CouponRedemption
{
    public string Code { get; set; } = "";
    public Guid OrderId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset RedeemedAt { get; set; }
}
