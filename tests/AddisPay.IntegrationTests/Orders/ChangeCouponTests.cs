using AddisPay.Orders.Contracts;
using AddisPay.Shared.Contracts;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Staff change a coupon's terms: kind and value fixed once used, a usage limit never under the uses, a stale form refused.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ChangeCouponTests(AllModulesPlatform platform, Arranged<ChangeCouponTests.UsedOnce> usedOnce, Arranged<ChangeCouponTests.UsedTwice> usedTwice,
    Arranged<ChangeCouponTests.EditedTwice> editedTwice)
    : IClassFixture<Arranged<ChangeCouponTests.UsedOnce>>, IClassFixture<Arranged<ChangeCouponTests.UsedTwice>>, IClassFixture<Arranged<ChangeCouponTests.EditedTwice>>
{
    private readonly StaffCoupons _coupons = new(platform.Factory);

    /// <summary>A coupon (10%, 5 uses) used once, then changed to 50 ETB off, then to 3 uses ending in a week.</summary>
    public sealed record UsedOnce(ConflictException KindAndValue, StaffCouponChanged LimitAndDates);

    private Task<UsedOnce> UsedOnceAsync() => usedOnce.OnceAsync(async () =>
    {
        var code = StaffCoupons.NewCode("used");
        await _coupons.SendAsync(StaffCoupons.Percent(code, usageLimit: 5) with { StaffId = _coupons.Staff });
        await _coupons.PlaceWithCouponAsync(code);
        var used = (await _coupons.SendAsync(new GetStaffCoupon(code)))!;
        var refused = await Assert.ThrowsAsync<ConflictException>(() => _coupons.SendAsync(StaffCoupons.Change(used, kind: "fixed", value: 50m)));
        var changed = await _coupons.SendAsync(StaffCoupons.Change(used, usageLimit: 3) with { ExpiresAt = DateTimeOffset.UtcNow.AddDays(7) });
        return new(refused, changed);
    });

    [Fact]
    public async Task The_kind_and_value_of_a_used_coupon_can_not_change() => Assert.Equal("coupon.used-fixed", (await UsedOnceAsync()).KindAndValue.Reason?.Code);

    [Fact]
    public async Task The_limits_and_dates_of_a_used_coupon_still_change()
    {
        var changed = (await UsedOnceAsync()).LimitAndDates.Coupon;

        Assert.Equal((1, 3, 2, "percentage", 10m), (changed.TimesUsed, changed.UsageLimit, changed.Remaining, changed.Kind, changed.Value));
    }

    /// <summary>A coupon (5 uses) used twice, then given a usage limit of one.</summary>
    public sealed record UsedTwice(ConflictException Refused, StaffCoupon After);

    private Task<UsedTwice> UsedTwiceAsync() => usedTwice.OnceAsync(async () =>
    {
        var code = StaffCoupons.NewCode("limit");
        await _coupons.SendAsync(StaffCoupons.Percent(code, usageLimit: 5) with { StaffId = _coupons.Staff });
        await _coupons.PlaceWithCouponAsync(code);
        await _coupons.PlaceWithCouponAsync(code);
        var used = (await _coupons.SendAsync(new GetStaffCoupon(code)))!;
        var refused = await Assert.ThrowsAsync<ConflictException>(() => _coupons.SendAsync(StaffCoupons.Change(used, usageLimit: 1)));
        return new(refused, (await _coupons.SendAsync(new GetStaffCoupon(code)))!);
    });

    [Fact]
    public async Task A_usage_limit_below_the_uses_so_far_is_refused_with_the_number_of_uses()
    {
        var refused = (await UsedTwiceAsync()).Refused;

        Assert.Equal(("coupon.limit-under-uses", "2"), (refused.Reason?.Code, refused.Reason?.Facts["timesUsed"]));
    }

    [Fact]
    public async Task A_refused_usage_limit_leaves_the_limit_as_it_was() => Assert.Equal(5, (await UsedTwiceAsync()).After.UsageLimit);

    /// <summary>A coupon read into a form, edited to 15%; the form read before that edit sent with 20%, then the 15% edit again.</summary>
    public sealed record EditedTwice(StaffCouponChanged First, PreconditionFailedException Stale, StaffCouponChanged Again);

    private Task<EditedTwice> EditedTwiceAsync() => editedTwice.OnceAsync(async () =>
    {
        var code = StaffCoupons.NewCode("stale");
        var read = (await _coupons.SendAsync(StaffCoupons.Percent(code) with { StaffId = _coupons.Staff })).Coupon;
        var first = await _coupons.SendAsync(StaffCoupons.Change(read, value: 15m));
        var stale = await Assert.ThrowsAsync<PreconditionFailedException>(() => _coupons.SendAsync(StaffCoupons.Change(read, value: 20m)));
        return new(first, stale, await _coupons.SendAsync(StaffCoupons.Change(read, value: 15m)));
    });

    [Fact]
    public async Task An_edit_from_a_form_read_before_another_edit_is_refused_as_stale() => Assert.Equal(412, (await EditedTwiceAsync()).Stale.StatusCode);

    [Fact]
    public async Task The_same_edit_sent_again_is_a_replay()
    {
        var edited = await EditedTwiceAsync();

        Assert.Equal((false, true, 15m), (edited.First.Replayed, edited.Again.Replayed, edited.Again.Coupon.Value));
    }
}
