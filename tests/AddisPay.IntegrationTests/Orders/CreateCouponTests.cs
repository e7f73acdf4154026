using AddisPay.IntegrationTests.Payments;

namespace AddisPay.IntegrationTests.Orders;

/// <summary>Staff create a coupon through the API.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class CreateCouponTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    [Fact]
    public async Task A_coupon_with_a_bad_code_and_kind_is_a_400_naming_both_fields()
    {
        using var bad = await _shop.Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/orders/coupons", new { code = "x", kind = "half", value = 0 }, Tokens.Admin()));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"code\"", errors);
        Assert.Contains("\"kind\"", errors);
    }

    [Theory]
    [InlineData("support")]
    [InlineData("customer")]
    public async Task Support_and_customers_are_refused_creating_a_coupon(string role)
    {
        using var create = await _shop.Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/orders/coupons", new { code = StaffCoupons.NewCode(), kind = "fixed", value = 10m }, CouponApi.TokenOf(role)));

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }
}
