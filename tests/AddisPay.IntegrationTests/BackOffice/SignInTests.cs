using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>The staff sign-in (Components/Pages/SignIn.razor) to a customer with the right password, signed in once.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class SignInTests(AllInOneShop fixture)
{
    private sealed record CustomerSignIn(HttpStatusCode Status, string Html, bool StaffCookie, HttpStatusCode Dashboard);

    private Task<CustomerSignIn> SignInAsync() => fixture.Arranged.OnceAsync(async () =>
    {
        using var customer = new StaffClient(fixture.Shop.BackOffice);
        using var answer = await customer.SignInAsync(BackOfficeOrders.DemoCustomer, BackOfficeOrders.DemoPassword);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        using var dashboard = await customer.GetAsync("/admin");
        return new CustomerSignIn(answer.StatusCode, html, customer.Has("addispay-staff"), dashboard.StatusCode);
    });

    [Fact]
    public async Task A_customer_signing_in_to_the_back_office_with_the_right_password_is_told_the_account_has_no_access()
    {
        var signIn = await SignInAsync();
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Contains("This account has no back-office access.", signIn.Html);
    }

    [Fact]
    public async Task A_customer_signing_in_to_the_back_office_gets_no_staff_session()
    {
        var signIn = await SignInAsync();
        Assert.False(signIn.StaffCookie);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Dashboard);
    }
}
