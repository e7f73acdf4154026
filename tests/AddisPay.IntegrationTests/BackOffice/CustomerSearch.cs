using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>The customers page's search, over plain HTTP: run by the storefront's journey classes on their processes.</summary>
public static class CustomerSearch
{
    /// <summary>A phone saved as 09… is found when staff type it as +251 9… (and a stranger's number finds nobody).</summary>
    public static async Task StaffFindACustomerByAPhoneTypedInAnotherFormAsync(Uri backOffice, StorefrontShop shop)
    {
        var national = "9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var email = $"phone-{Guid.NewGuid():N}@example.et";
        await new Accounts(shop.Api("users"), "").RegisterAsync(email, fullName: "Meron Tadesse", phone: "0" + national);
        using var support = new StaffClient(backOffice);
        using (var signedIn = await support.SignInAsync(await BackOfficeOrders.SupportAgentAsync(shop), Accounts.Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var found = await support.GetAsync("/admin/customers?q=" + Uri.EscapeDataString($"+251 {national[..3]} {national[3..]}"));
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains(email, await found.Content.ReadAsStringAsync());
    }
}
