using System.Globalization;
using AddisPay.Market;
using AddisPay.Shared.Contracts;

namespace AddisPay.Orders.Coupons;

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
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

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

internal sealed class CouponRedemption
{
    public string Code { get; set; } = "";
    public Guid OrderId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset RedeemedAt { get; set; }
}
