namespace AddisPay.IntegrationTests.Orders;

/// <summary>The coupon API's list, for admins only.</summary>
[Collection(AllModulesPlatform.Collection)]
public sealed class ListCouponsTests(AllModulesPlatform platform)
{
    [Theory]
    [InlineData("support")]
    [InlineData("customer")]
    public async Task Support_and_customers_are_refused_the_list_of_coupons(string role)
    {
        using var http = platform.Factory.CreateClient();

        using var list = await http.SendAsync(Shop.Request(HttpMethod.Get, "/api/orders/coupons", null, CouponApi.TokenOf(role)));

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }
}

/// <summary>The tokens the coupon API refuses: support's and a customer's.</summary>
public static class CouponApi
{
    public static string TokenOf(string role) => role == "support" ? Tokens.For("support-1", "support") : Tokens.Customer();
}
