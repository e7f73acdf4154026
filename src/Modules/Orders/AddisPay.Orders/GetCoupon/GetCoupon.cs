using AddisPay.Orders.Contracts;

namespace AddisPay.Orders.GetCoupon;

/// <summary>A coupon as staff see it: its terms, where it stands, its uses so far and the latest orders that used it.</summary>
internal sealed class GetStaffCouponHandler(OrdersDbContext db, TimeProvider clock) : IQueryHandler<GetStaffCoupon, StaffCoupon?>
{
    public async ValueTask<StaffCoupon?> Handle(GetStaffCoupon query, CancellationToken ct)
    {
        var code = StaffCoupons.Normal(query.Code);
        var coupon = await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        return coupon is null ? null : await StaffCoupons.DescribeAsync(db, coupon, clock.GetUtcNow(), ct);
    }
}

/// <summary>What every staff coupon use case answers with.</summary>
internal static class StaffCoupons
{
    public const int LatestRedemptions = 20;

    /// <summary>Codes are kept in capitals: the one form staff and shoppers type them in does not matter.</summary>
    public static string Normal(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public static async Task<StaffCoupon> DescribeAsync(OrdersDbContext db, Coupon c, DateTimeOffset now, CancellationToken ct)
    {
        var redemptions = await db.CouponRedemptions.AsNoTracking().Where(r => r.Code == c.Code)
            .Join(db.Orders, r => r.OrderId, o => o.Id, (r, o) => new { r.OrderId, o.Number, r.CustomerId, r.RedeemedAt })
            .OrderByDescending(r => r.RedeemedAt).ThenByDescending(r => r.Number).Take(LatestRedemptions).ToListAsync(ct);
        // A cancelled order gave its use back but kept the discount it was placed with: the terms it was sold under stay fixed.
        var everUsed = c.TimesUsed > 0 || redemptions.Count > 0 || await db.Orders.AsNoTracking().AnyAsync(o => o.CouponCode == c.Code, ct);
        return new StaffCoupon(c.Code, KindName(c.Kind), c.Value, c.MinimumOrderEtb, c.StartsAt, c.ExpiresAt, c.UsageLimit, c.PerCustomerLimit, c.TimesUsed,
            c.UsageLimit is { } limit ? Math.Max(0, limit - c.TimesUsed) : null, c.StatusAt(now), everUsed, c.Version, c.CreatedAt,
            redemptions.Select(r => new StaffCouponRedemption(r.OrderId, r.Number, r.CustomerId, r.RedeemedAt)).ToList());
    }

    public static string KindName(CouponKind kind) => kind == CouponKind.Percentage ? "percentage" : "fixed";
}
