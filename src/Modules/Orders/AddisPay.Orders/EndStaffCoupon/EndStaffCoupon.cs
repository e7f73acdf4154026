using AddisPay.Orders.GetCoupon;

namespace AddisPay.Orders.EndStaffCoupon;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Orders.Contracts;

/// <summary>A back office ends a coupon now: checkout refuses it from then on; orders placed with it keep their discount. Ending it again changes nothing.</summary>
internal sealed class EndStaffCouponHandler(OrdersDbContext db, TimeProvider clock) : ICommandHandler<EndStaffCoupon, StaffCouponChanged>
{
    public async ValueTask<StaffCouponChanged> Handle(EndStaffCoupon command, CancellationToken ct)
    {
        var code = StaffCoupons.Normal(command.Code);
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"There is no coupon {code}.");
        var now = clock.GetUtcNow();
        var before = await StaffCoupons.DescribeAsync(db, coupon, now, ct);
        if (!coupon.Active) return new StaffCouponChanged(before, before, Replayed: true);
        // Not by row version: ending wins over any edit or use in between, which is what the admin asked for.
        await db.Coupons.Where(c => c.Code == code).ExecuteUpdateAsync(c => c.SetProperty(x => x.Active, false), ct);
        await db.Entry(coupon).ReloadAsync(ct);
        return new StaffCouponChanged(await StaffCoupons.DescribeAsync(db, coupon, now, ct), before, Replayed: false);
    }
}
