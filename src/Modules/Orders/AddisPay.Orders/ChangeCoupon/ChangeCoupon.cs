using AddisPay.Orders.Contracts;
using AddisPay.Orders.CreateCoupon;
using AddisPay.Orders.GetCoupon;

namespace AddisPay.Orders.ChangeCoupon;

/// <summary>
/// Staff change a coupon's terms. Orders already placed keep the discount they were sold with, so kind and value are fixed
/// once an order used it; a usage limit can't go under the uses so far. The row version makes a stale form a 412, and a
/// use at checkout in between counts as a change (the limit the admin saw may no longer hold).
/// </summary>
internal sealed class ChangeCouponHandler(OrdersDbContext db, TimeProvider clock) : ICommandHandler<ChangeStaffCoupon, StaffCouponChanged>
{
    public async ValueTask<StaffCouponChanged> Handle(ChangeStaffCoupon command, CancellationToken ct)
    {
        var code = StaffCoupons.Normal(command.Code);
        var request = new CreateCouponRequest(code, command.Kind?.Trim(), command.Value, command.MinimumOrderEtb, command.StartsAt?.ToUniversalTime(),
            command.ExpiresAt?.ToUniversalTime(), command.UsageLimit, command.PerCustomerLimit);
        var errors = Validation.Errors(request);
        errors.Remove("code");
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"There is no coupon {code}.");
        var now = clock.GetUtcNow();
        var before = await StaffCoupons.DescribeAsync(db, coupon, now, ct);
        var kind = CreateCouponRequest.KindOf(request.Kind);
        var value = request.Value!.Value;
        var (starts, expires) = (request.StartsAt, request.ExpiresAt);
        var unchanged = coupon.Kind == kind && coupon.Value == value && coupon.MinimumOrderEtb == request.MinimumOrderEtb && coupon.StartsAt == starts
                        && coupon.ExpiresAt == expires && coupon.UsageLimit == request.UsageLimit && coupon.PerCustomerLimit == request.PerCustomerLimit;
        // A form sent twice finds its change made: the first answer again, not a 412.
        if (unchanged) return new StaffCouponChanged(before, before, Replayed: true);
        if (coupon.Version != command.ExpectedVersion) throw Stale(code);
        if ((coupon.Kind != kind || coupon.Value != value) && before.EverUsed)
            throw new ConflictException($"Coupon {code} has been used: its kind and value stay as the orders placed with it were sold.")
            {
                Reason = Refusal.Of("coupon.used-fixed", ("coupon", code), ("timesUsed", coupon.TimesUsed))
            };
        if (request.UsageLimit is { } limit && limit < coupon.TimesUsed)
            throw new ConflictException($"Coupon {code} has been used {coupon.TimesUsed} times: its usage limit can't be {limit}.")
            {
                Reason = Refusal.Of("coupon.limit-under-uses", ("coupon", code), ("timesUsed", coupon.TimesUsed), ("limit", limit))
            };

        (coupon.Kind, coupon.Value, coupon.MinimumOrderEtb, coupon.StartsAt, coupon.ExpiresAt, coupon.UsageLimit, coupon.PerCustomerLimit) =
            (kind, value, request.MinimumOrderEtb, starts, expires, request.UsageLimit, request.PerCustomerLimit);
        // Checked again by the database: a checkout counting a use after the read above makes this save fail.
        db.Entry(coupon).Property(c => c.Version).OriginalValue = command.ExpectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw Stale(code);
        }
        return new StaffCouponChanged(await StaffCoupons.DescribeAsync(db, coupon, now, ct), before, Replayed: false);
    }

    private static PreconditionFailedException Stale(string code) =>
        new($"Coupon {code} changed since you read it (an edit or a use at checkout); read it again and reapply your change.")
        {
            Reason = Refusal.Of("coupon.stale", ("coupon", code))
        };
}
