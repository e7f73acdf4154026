namespace AddisPay.Orders.Domain;

/// <summary>A coupon as the admin API shows it.</summary>
public sealed record CouponView(string Code, string Kind, decimal Value, decimal MinimumOrderEtb, DateTimeOffset? StartsAt, DateTimeOffset? ExpiresAt,
    int? UsageLimit, int? PerCustomerLimit, int TimesUsed, bool Active)
{
    internal static CouponView From(Coupon c) => new(c.Code, c.Kind.ToString().ToLowerInvariant(), c.Value, c.MinimumOrderEtb, c.StartsAt, c.ExpiresAt,
        c.UsageLimit, c.PerCustomerLimit, c.TimesUsed, c.Active);
}
