namespace AddisPay.IntegrationTests.Orders;

/// <summary>Ending a coupon through the API, for admins only.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class EndCouponTests(AllModulesPlatform platform)
{
    [Theory]
    [InlineData("support")]
    [InlineData("customer")]
    public async Task Support_and_customers_are_refused_ending_a_coupon(string role)
    {
        using var http = platform.Factory.CreateClient();

        using var end = await http.SendAsync(Shop.Request(HttpMethod.Post, "/api/orders/coupons/ADDIS10/deactivate", null, CouponApi.TokenOf(role)));

        Assert.Equal(HttpStatusCode.Forbidden, end.StatusCode);
    }
}
