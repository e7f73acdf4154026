using AddisPay.Orders.Domain;
using AddisPay.Shared.Contracts;

namespace AddisPay.UnitTests.Orders;

/// <summary>What a coupon takes off a subtotal, and when it can't be used (409).</summary>
public sealed class CouponTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static Coupon Percent(decimal percent) => new() { Code = "MESKEL10", Kind = CouponKind.Percentage, Value = percent };
    private static Coupon Fixed(decimal etb) => new() { Code = "BIRR200", Kind = CouponKind.Fixed, Value = etb };

    [Fact]
    public void A_percentage_coupon_takes_its_share_of_the_subtotal() =>
        Assert.Equal(150m, Percent(10).DiscountOn(1500m, Now));

    [Fact]
    public void A_percentage_discount_is_rounded_half_away_from_zero_to_the_santim()
    {
        Assert.Equal(12.35m, Percent(10).DiscountOn(123.45m, Now)); // 12.345; banker's rounding would give 12.34
        Assert.Equal(0.11m, Percent(15).DiscountOn(0.70m, Now));    // 0.105
    }

    [Fact]
    public void A_fixed_coupon_takes_its_amount_off() => Assert.Equal(200m, Fixed(200m).DiscountOn(1000m, Now));

    [Fact]
    public void A_fixed_coupon_never_takes_off_more_than_the_subtotal() => Assert.Equal(300m, Fixed(500m).DiscountOn(300m, Now));

    [Fact]
    public void A_hundred_percent_coupon_makes_the_goods_free() => Assert.Equal(849.99m, Percent(100).DiscountOn(849.99m, Now));

    [Fact]
    public void A_subtotal_below_the_minimum_spend_is_refused_naming_the_minimum()
    {
        var coupon = Fixed(100m);
        coupon.MinimumOrderEtb = 500m;
        var refused = Assert.Throws<ConflictException>(() => coupon.DiscountOn(499.99m, Now));
        Assert.Contains("BIRR200", refused.Message);
        Assert.Contains("at least 500", refused.Message);
    }

    [Fact]
    public void A_subtotal_of_exactly_the_minimum_spend_qualifies()
    {
        var coupon = Fixed(100m);
        coupon.MinimumOrderEtb = 500m;
        Assert.Equal(100m, coupon.DiscountOn(500m, Now));
    }

    [Fact]
    public void A_coupon_has_expired_from_its_expiry_time_on()
    {
        var coupon = Percent(10);
        coupon.ExpiresAt = Now;
        Assert.Contains("expired", Assert.Throws<ConflictException>(() => coupon.DiscountOn(1000m, Now)).Message);
        Assert.Equal(100m, coupon.DiscountOn(1000m, Now.AddTicks(-1)));
    }

    [Fact]
    public void A_coupon_is_not_valid_before_it_starts()
    {
        var coupon = Percent(10);
        coupon.StartsAt = Now;
        Assert.Contains("not valid yet", Assert.Throws<ConflictException>(() => coupon.DiscountOn(1000m, Now.AddTicks(-1))).Message);
        Assert.Equal(100m, coupon.DiscountOn(1000m, Now));
    }

    [Fact]
    public void A_coupon_used_as_often_as_its_limit_allows_is_used_up()
    {
        var coupon = Percent(10);
        coupon.UsageLimit = 3;
        coupon.TimesUsed = 2;
        Assert.Equal(100m, coupon.DiscountOn(1000m, Now)); // the third use
        coupon.TimesUsed = 3;
        Assert.Contains("used up", Assert.Throws<ConflictException>(() => coupon.DiscountOn(1000m, Now)).Message);
    }

    [Fact]
    public void A_coupon_without_a_usage_limit_is_never_used_up()
    {
        var coupon = Percent(10);
        coupon.TimesUsed = 1_000_000;
        Assert.Equal(100m, coupon.DiscountOn(1000m, Now));
    }

    [Fact]
    public void A_withdrawn_coupon_is_refused()
    {
        var coupon = Percent(10);
        coupon.Active = false;
        Assert.Contains("no longer valid", Assert.Throws<ConflictException>(() => coupon.DiscountOn(1000m, Now)).Message);
    }
}
