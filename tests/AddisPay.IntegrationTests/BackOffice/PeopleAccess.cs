using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// Who reaches the customers, reviews and operations pages and their forms (BackOfficeAccess's table takes these rows), and
/// the rules a role's request is checked against on the server: support locks and exports but changes no role, an admin
/// changes roles but never drops their own admin role.
/// </summary>
public static class PeopleAccess
{
    /// <summary>Pages for admins and support; {customer} is the demo customer's id.</summary>
    public static readonly string[] StaffPages = ["/admin/customers", "/admin/customers/{customer}", "/admin/reviews", "/admin/operations"];

    /// <summary>Pages for admins only: support is sent to /admin/denied.</summary>
    public static readonly string[] AdminPages = ["/admin/operations/events", "/admin/operations/payments"];

    /// <summary>Every form (and the export download) by page: a visitor's post is sent to sign in.</summary>
    public static readonly (string Page, string Form)[] Forms =
    [
        ("/admin/customers/{customer}", "customer-lock"), ("/admin/customers/{customer}", "customer-unlock"),
        ("/admin/customers/{customer}", "customer-roles"), ("/admin/customers/{customer}/export", "export"),
        ("/admin/reviews", "review-hide-0"), ("/admin/operations", "message-resend-0"),
        ("/admin/operations/events", "replay-0"), ("/admin/operations/payments", "settle-0")
    ];

    public static string At(string page, Guid customer) => page.Replace("{customer}", customer.ToString());

    public static Task<Guid> DemoCustomerAsync(StorefrontShop shop) => new Accounts(shop.Api("users"), "").UserIdAsync(BackOfficeOrders.DemoCustomer);

    /// <summary>What support's lock, unlock, export and change of roles on a new customer answered, and the sign-ins between them.</summary>
    public sealed record SupportOnACustomer(string Email, HttpStatusCode Locked, string LockedHtml, HttpStatusCode SignInWhileLocked, string UnlockedHtml,
        HttpStatusCode SignInAfterUnlock, HttpStatusCode Export, string? ExportType, string ExportBody, HttpStatusCode RolesPost, string[] RolesAfter);

    /// <summary>Support locks a customer, unlocks them, downloads their data and tries to make them an admin, once for the shop.</summary>
    public static Task<SupportOnACustomer> SupportOnACustomerAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var shop = fixture.Shop;
        var accounts = new Accounts(shop.Api("users"), "");
        var email = $"locked-{Guid.NewGuid():N}@example.et";
        var id = await accounts.RegisterAsync(email, fullName: "Hanna Girma");
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        var page = $"/admin/customers/{id}";
        async Task<HttpStatusCode> SignInAsync()
        {
            using var signIn = await accounts.Http.PostAsJsonAsync("/api/users/sign-in", new { email, password = Accounts.Password });
            return signIn.StatusCode;
        }

        using var locked = await support.PostFormAsync(page, "customer-lock", new Dictionary<string, string> { ["reason"] = "Card fraud reported", ["confirm"] = "true" });
        var lockedHtml = WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync());
        var whileLocked = await SignInAsync();
        using var unlocked = await support.PostFormAsync(page, "customer-unlock", new Dictionary<string, string> { ["reason"] = "The bank cleared it" });
        var unlockedHtml = WebUtility.HtmlDecode(await unlocked.Content.ReadAsStringAsync());
        var afterUnlock = await SignInAsync();
        using var export = await support.PostWithTokenOfAsync(page, "customer-lock", "customer-export", new Dictionary<string, string>(), action: page + "/export");
        var exported = await export.Content.ReadAsStringAsync();
        using var roles = await support.PostWithTokenOfAsync(page, "customer-lock", "customer-roles", new Dictionary<string, string> { ["roles"] = "admin" });
        return new SupportOnACustomer(email, locked.StatusCode, lockedHtml, whileLocked, unlockedHtml, afterUnlock,
            export.StatusCode, export.Content.Headers.ContentType?.MediaType, exported, roles.StatusCode, await RolesAsync(shop, email));
    });

    /// <summary>What an admin's grant and revoke of support on a new customer, and the removal of their own admin role, answered.</summary>
    public sealed record AdminOnRoles(string Email, HttpStatusCode Granted, string[] RolesGranted, HttpStatusCode Revoked, string[] RolesRevoked,
        string GrantsAudited, HttpStatusCode OwnRemoval, string OwnRemovalHtml, string[] OwnRolesAfter);

    /// <summary>An admin grants and revokes support (each audited) and tries to take the admin role from their own account, once for the shop.</summary>
    public static Task<AdminOnRoles> AdminOnRolesAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var shop = fixture.Shop;
        var accounts = new Accounts(shop.Api("users"), "");
        var email = $"agent-{Guid.NewGuid():N}@example.et";
        var id = await accounts.RegisterAsync(email, fullName: "Dawit Bekele");
        using var admin = await SignedInAsync(shop.BackOffice, BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword);

        using var granted = await admin.PostFormAsync($"/admin/customers/{id}", "customer-roles", new Dictionary<string, string> { ["roles"] = "support" });
        var rolesGranted = await RolesAsync(shop, email);
        using var revoked = await admin.PostFormAsync($"/admin/customers/{id}", "customer-roles", new Dictionary<string, string>());
        var rolesRevoked = await RolesAsync(shop, email);
        using var audit = await admin.GetAsync("/admin/audit?action=customer.role_granted");
        var audited = await audit.Content.ReadAsStringAsync();

        var self = await accounts.UserIdAsync(BackOfficeOrders.DemoAdmin);
        using var own = await admin.PostFormAsync($"/admin/customers/{self}", "customer-roles", new Dictionary<string, string> { ["roles"] = "support" });
        return new AdminOnRoles(email, granted.StatusCode, rolesGranted, revoked.StatusCode, rolesRevoked, audited,
            own.StatusCode, WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()), await RolesAsync(shop, BackOfficeOrders.DemoAdmin));
    });

    internal static async Task<StaffClient> SignedInAsync(Uri backOffice, string email, string password)
    {
        var staff = new StaffClient(backOffice);
        using (var signedIn = await staff.SignInAsync(email, password)) Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // A profile may have chosen Amharic (the sign-in remembers it); these tests read the English words.
        staff.Keep("addispay-lang", "en");
        return staff;
    }

    private static async Task<string[]> RolesAsync(StorefrontShop shop, string email)
    {
        using var users = shop.Api("users");
        using var response = await users.SendAsync(Shop.Request(HttpMethod.Get, "/api/users?search=" + Uri.EscapeDataString(email), null, Tokens.Admin()));
        await Shop.Expect(response, HttpStatusCode.OK);
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Single();
        return [.. user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order()];
    }
}
