using AddisPay.IntegrationTests.Payments;
using AddisPay.Orders.Contracts;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>A back office ends a coupon now: checkout refuses it from then on.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class EndStaffCouponTests(AllModulesPlatform platform, Arranged<EndStaffCouponTests.Ended> ended) : IClassFixture<Arranged<EndStaffCouponTests.Ended>>
{
    private readonly StaffCoupons _coupons = new(platform.Factory);

    /// <summary>A coupon ended by its code in lower case, then given at checkout.</summary>
    public sealed record Ended(StaffCouponChanged End, Answer Placed);

    private Task<Ended> EndedAsync() => ended.OnceAsync(async () =>
    {
        var code = StaffCoupons.NewCode("end");
        await _coupons.SendAsync(StaffCoupons.Percent(code) with { StaffId = _coupons.Staff });
        var end = await _coupons.SendAsync(new EndStaffCoupon(code.ToLowerInvariant(), _coupons.Staff));
        var buyer = await Buyer.SignUpAsync(_coupons.Http);
        return new(end, await Answer.OfAsync(buyer.PlaceOrderAsync(await buyer.FillCartAsync((await _coupons.ProductAsync()).Id), couponCode: code)));
    });

    [Fact]
    public async Task An_ended_coupon_is_ended() => Assert.Equal("ended", (await EndedAsync()).End.Coupon.Status);

    [Fact]
    public async Task An_ended_coupon_is_refused_at_checkout()
    {
        var placed = (await EndedAsync()).Placed;

        Assert.Equal(HttpStatusCode.Conflict, placed.Status);
        Assert.Contains("coupon.ended", placed.Body);
    }
}
