using AddisPay.Orders.Domain;

namespace AddisPay.UnitTests.Orders;

/// <summary>Where a coupon stands at a moment, as staff list it: one status each, and the list's filter agrees.</summary>
public sealed class CouponStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static Coupon Coupon(bool active = true, int? startsInDays = null, int? expiresInDays = null, int? limit = null, int used = 0) => new()
    {
        Code = "MESKEL", Active = active, StartsAt = startsInDays is { } s ? Now.AddDays(s) : null, ExpiresAt = expiresInDays is { } e ? Now.AddDays(e) : null,
        UsageLimit = limit, TimesUsed = used
    };

    [Fact]
    public void A_coupon_without_a_window_or_limit_is_active() => Assert.Equal("active", Coupon().StatusAt(Now));

    [Fact]
    public void A_coupon_whose_start_is_still_ahead_is_scheduled() => Assert.Equal("scheduled", Coupon(startsInDays: 1).StatusAt(Now));

    [Fact]
    public void A_coupon_is_expired_from_the_moment_of_its_expiry() =>
        Assert.Equal("expired", new Coupon { Code = "X", ExpiresAt = Now }.StatusAt(Now));

    [Fact]
    public void A_coupon_used_as_often_as_its_limit_allows_is_used_up() => Assert.Equal("used_up", Coupon(limit: 2, used: 2).StatusAt(Now));

    [Fact]
    public void An_ended_coupon_is_ended_whatever_else_holds() => Assert.Equal("ended", Coupon(active: false, expiresInDays: -1, limit: 1, used: 1).StatusAt(Now));

    [Fact]
    public void An_expired_coupon_that_was_also_used_up_is_listed_as_expired() => Assert.Equal("expired", Coupon(expiresInDays: -1, limit: 1, used: 1).StatusAt(Now));

    [Fact]
    public void The_lists_filter_finds_each_coupon_under_its_own_status_and_no_other()
    {
        var coupons = new[]
        {
            Coupon(), Coupon(startsInDays: 2), Coupon(startsInDays: -2, expiresInDays: 2), Coupon(expiresInDays: -1), Coupon(limit: 1, used: 1),
            Coupon(active: false), Coupon(startsInDays: 1, limit: 3), Coupon(expiresInDays: -1, limit: 1, used: 1), Coupon(active: false, startsInDays: 3)
        };
        foreach (var coupon in coupons)
        {
            var matching = new[] { "active", "scheduled", "expired", "used_up", "ended" }.Where(s => AddisPay.Orders.Domain.Coupon.InStatus(s, Now).Compile()(coupon));
            Assert.Equal([coupon.StatusAt(Now)], matching);
        }
    }
}
