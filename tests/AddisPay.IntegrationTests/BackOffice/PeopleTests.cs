using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The customers pages (Components/Pages/People/CustomerList.razor, CustomerDetail.razor) over plain HTTP: the search, and
/// the rules a role's request is checked against on the server, support's and an admin's work on a customer each made
/// once (<see cref="PeopleAccess"/>).
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class PeopleTests(AllInOneShop fixture)
{
    private Task<PeopleAccess.SupportOnACustomer> SupportAsync() => PeopleAccess.SupportOnACustomerAsync(fixture);
    private Task<PeopleAccess.AdminOnRoles> AdminAsync() => PeopleAccess.AdminOnRolesAsync(fixture);

    [Fact]
    public async Task Support_locks_a_customer_who_then_cannot_sign_in()
    {
        var run = await SupportAsync();
        Assert.Equal(HttpStatusCode.OK, run.Locked);
        Assert.Contains("The account is locked; its sessions have ended.", run.LockedHtml);
        Assert.Equal((HttpStatusCode)423, run.SignInWhileLocked);
    }

    [Fact]
    public async Task Support_unlocks_a_locked_customer_who_then_signs_in_again()
    {
        var run = await SupportAsync();
        Assert.Contains("The account is unlocked.", run.UnlockedHtml);
        Assert.Equal(HttpStatusCode.OK, run.SignInAfterUnlock);
    }

    [Fact]
    public async Task Support_downloads_a_customers_data_as_JSON()
    {
        var run = await SupportAsync();
        Assert.Equal(HttpStatusCode.OK, run.Export);
        Assert.Equal("application/json", run.ExportType);
        Assert.Contains(run.Email, run.ExportBody);
    }

    [Fact]
    public async Task The_server_refuses_supports_change_of_a_customers_roles()
    {
        var run = await SupportAsync();
        Assert.NotEqual(HttpStatusCode.OK, run.RolesPost);
        Assert.Equal(["customer"], run.RolesAfter);
    }

    [Fact]
    public Task Staff_find_a_customer_by_a_phone_number_typed_with_the_country_code_that_was_saved_without_it() =>
        CustomerSearch.StaffFindACustomerByAPhoneTypedInAnotherFormAsync(fixture.Shop.BackOffice, fixture.Shop);

    [Fact]
    public async Task An_admin_grants_the_support_role()
    {
        var run = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, run.Granted);
        Assert.Equal(["customer", "support"], run.RolesGranted);
    }

    [Fact]
    public async Task An_admin_revokes_the_support_role()
    {
        var run = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, run.Revoked);
        Assert.Equal(["customer"], run.RolesRevoked);
    }

    [Fact]
    public async Task The_audit_log_holds_the_role_an_admin_granted()
    {
        var run = await AdminAsync();
        Assert.Contains("customer:" + run.Email, run.GrantsAudited);
    }

    [Fact]
    public async Task An_admin_may_not_remove_their_own_admin_role()
    {
        var run = await AdminAsync();
        Assert.Equal(HttpStatusCode.Conflict, run.OwnRemoval);
        Assert.Contains("You may not remove your own admin role", run.OwnRemovalHtml);
        Assert.Contains("admin", run.OwnRolesAfter);
    }
}
