using AddisPay.Shared.Modules;

namespace AddisPay.Orders.DemoCoupons;

/// <summary>Coupons to try checkout with on a local run: ADDIS10 (10% from 500 ETB) and ENKUTATASH (100 ETB off from 1,000 ETB).</summary>
internal sealed class DemoCouponData(OrdersDbContext db, TimeProvider clock) : IDemoData
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Coupons.AnyAsync(ct)) return;
        var now = clock.GetUtcNow();
        db.Coupons.AddRange(
            new Coupon { Code = "ADDIS10", Kind = CouponKind.Percentage, Value = 10, MinimumOrderEtb = 500, PerCustomerLimit = 1, CreatedAt = now },
            new Coupon { Code = "ENKUTATASH", Kind = CouponKind.Fixed, Value = 100, MinimumOrderEtb = 1000, ExpiresAt = now.AddDays(90), UsageLimit = 1000, CreatedAt = now });
        await db.SaveChangesAsync(ct);
    }
}
