using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// Who reaches which back-office page, form and download, over plain HTTP (the lists in <see cref="BackOfficeAccess"/>): one
/// rule over every page, so not a page's class. The real order, customer and product the addresses name are made once.
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class BackOfficeAccessTests(AllInOneShop fixture)
{
    private StorefrontShop Shop => fixture.Shop;

    private Task<BackOfficeAccess.Subjects> SubjectsAsync() => fixture.Arranged.OnceAsync(() => BackOfficeAccess.SubjectsAsync(Shop));

    [Fact]
    public async Task Every_back_office_page_sends_a_visitor_to_the_staff_sign_in_and_back()
    {
        var subjects = await SubjectsAsync();
        using var visitor = new StaffClient(Shop.BackOffice);
        Assert.All(await StaffAnswer.OfPagesAsync(visitor, BackOfficeAccess.Pages.Select(subjects.At)),
            a => Assert.Equal((HttpStatusCode.Redirect, "/admin/sign-in?returnUrl=" + Uri.EscapeDataString(a.Path)), (a.Status, a.Location)));
    }

    [Fact]
    public async Task Every_back_office_form_a_visitor_posts_is_sent_to_the_staff_sign_in()
    {
        var subjects = await SubjectsAsync();
        using var visitor = new StaffClient(Shop.BackOffice);
        var forms = PeopleAccess.Forms.Concat(BackOfficeAccess.OrderForms).Concat(BackOfficeAccess.CatalogueForms).Concat(CouponAdminJourney.Forms)
            .Concat(BackOfficeAccess.AdminOnlyForms);
        var answers = new List<StaffAnswer>();
        foreach (var (page, form) in forms)
            answers.Add(await StaffAnswer.OfAsync($"{form} on {page}", visitor.SendRawFormAsync(subjects.At(page), form)));
        StaffAnswer.AllSentTo(answers, "/admin/sign-in");
    }

    [Fact]
    public async Task Every_back_office_download_sends_a_visitor_to_the_staff_sign_in()
    {
        using var visitor = new StaffClient(Shop.BackOffice);
        StaffAnswer.AllSentTo(await StaffAnswer.OfPagesAsync(visitor, BackOfficeAccess.AdminOnlyFiles), "/admin/sign-in");
    }

    // The shop's session cookie (a signed-in customer's) is not the back office's: still sent to sign in.
    [Fact]
    public async Task A_shoppers_session_opens_no_back_office_page()
    {
        using var shopper = new StaffClient(Shop.Address);
        using (await shopper.GetAsync("/account/sign-in")) { }
        using (await shopper.PostFormAsync("/account/sign-in", "sign-in", new Dictionary<string, string>
               {
                   ["Email"] = BackOfficeOrders.DemoCustomer, ["Password"] = BackOfficeOrders.DemoPassword, ["ReturnUrl"] = "/"
               })) { }
        Assert.True(shopper.Has("addispay-session"), "the shop signed the customer in");
        StaffAnswer.AllSentTo([await StaffAnswer.OfAsync("/admin/orders", shopper.GetAsyncAt(Shop.BackOffice, "/admin/orders"))], "/admin/sign-in");
    }

    [Fact]
    public async Task An_admin_opens_every_back_office_page_the_audit_log_included()
    {
        var subjects = await SubjectsAsync();
        using var admin = new StaffClient(Shop.BackOffice);
        using (var signedIn = await admin.SignInAsync(BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/admin", signedIn.Headers.Location is { IsAbsoluteUri: true } back ? back.AbsolutePath : signedIn.Headers.Location?.OriginalString);
        }
        StaffAnswer.AllOpened(await StaffAnswer.OfPagesAsync(admin, BackOfficeAccess.Pages.Select(subjects.At)), "an admin");
    }

    [Fact]
    public async Task Support_opens_the_dashboard_the_orders_the_customers_the_reviews_and_the_operations_page()
    {
        var subjects = await SubjectsAsync();
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        var allowed = new[] { "/admin", "/admin/orders", "/admin/orders/{order}", "/admin/denied" }.Concat(PeopleAccess.StaffPages).Select(subjects.At);
        StaffAnswer.AllOpened(await StaffAnswer.OfPagesAsync(support, allowed), "support");
    }

    [Fact]
    public async Task Support_is_sent_to_the_denied_page_from_the_audit_log_the_admins_operations_pages_and_the_catalogue()
    {
        var subjects = await SubjectsAsync();
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        var adminOnly = new[] { "/admin/audit" }.Concat(PeopleAccess.AdminPages).Concat(BackOfficeAccess.CataloguePages).Select(subjects.At);
        StaffAnswer.AllSentTo(await StaffAnswer.OfPagesAsync(support, adminOnly), "/admin/denied");
    }

    [Fact]
    public async Task Support_is_sent_from_the_inventory_category_import_and_audit_pages_and_the_catalogue_files_to_the_denied_page() =>
        StaffAnswer.AllSentTo((await BackOfficeAccess.SupportTriesStockAsync(fixture)).Tried.Pages, "/admin/denied");

    [Fact]
    public async Task Supports_posts_to_the_stock_category_and_import_forms_are_sent_to_the_denied_page() =>
        StaffAnswer.AllSentTo((await BackOfficeAccess.SupportTriesStockAsync(fixture)).Tried.Posts, "/admin/denied");
}
