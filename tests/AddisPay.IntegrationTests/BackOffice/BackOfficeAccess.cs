using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// Who reaches which back-office page and action, over plain HTTP: run by the storefront's journey classes, whose processes
/// serve the back office too (StorefrontJourneyTests): starting a platform is what costs.
/// </summary>
public static class BackOfficeAccess
{
    /// <summary>The pages and forms of stock and categories: admins only (support has no stock).</summary>
    public static readonly string[] AdminOnlyPages = ["/admin/audit", "/admin/inventory", "/admin/inventory/{sku}", "/admin/categories", "/admin/catalogue/import"];

    /// <summary>The catalogue's downloads: admins only, like the import page.</summary>
    public static readonly string[] AdminOnlyFiles =
        ["/admin/catalogue/template.csv", "/admin/catalogue/template.json", "/admin/catalogue/export.csv", "/admin/catalogue/export.json"];

    public static readonly (string Page, string Form)[] AdminOnlyForms =
    [
        ("/admin/inventory/{sku}", "stock-adjust"), ("/admin/categories", "category-create"), ("/admin/categories", "category-rename"),
        ("/admin/categories", "category-move"), ("/admin/categories", "category-remove"), ("/admin/catalogue/import", "catalogue-import")
    ];

    /// <summary>The catalogue's pages: admins only (support touches no prices); {product} is a real product's id.</summary>
    public static readonly string[] CataloguePages = ["/admin/catalogue", "/admin/catalogue/new", "/admin/catalogue/{product}"];

    public static readonly (string Page, string Form)[] CatalogueForms =
    [
        ("/admin/catalogue/new", "product-new"), ("/admin/catalogue/{product}", "product-edit"), ("/admin/catalogue/{product}", "product-publish"),
        ("/admin/catalogue/{product}", "product-archive"), ("/admin/catalogue/{product}", "product-image"), ("/admin/catalogue/{product}", "product-image-remove"),
        ("/admin/catalogue/{product}", "product-variant")
    ];

    public static readonly (string Page, string Form)[] OrderForms =
    [
        ("/admin/orders/{order}", "order-processing"), ("/admin/orders/{order}", "order-ship"), ("/admin/orders/{order}", "order-deliver"),
        ("/admin/orders/{order}", "order-cancel"), ("/admin/orders/{order}", "order-refund")
    ];

    /// <summary>A SKU of the demo catalogue (Yirgacheffe beans, 500 g).</summary>
    private const string DemoSku = "COF-YIRG-500-G";

    /// <summary>Every page, by address; {order} is a real order's id, {customer} the demo customer's, {sku} a real SKU, {product} a real product's id.</summary>
    public static readonly string[] Pages = ["/admin", "/admin/orders", "/admin/orders/{order}", "/admin/audit", "/admin/denied",
        .. PeopleAccess.StaffPages, .. PeopleAccess.AdminPages, "/admin/inventory", "/admin/inventory/{sku}", "/admin/categories", "/admin/catalogue/import",
        .. CataloguePages, .. CouponAdminJourney.Pages];

    private static string At(string page, Guid order, Guid customer, Guid product) =>
        PeopleAccess.At(page.Replace("{order}", order.ToString()).Replace("{sku}", DemoSku).Replace("{product}", product.ToString()), customer);

    /// <summary>Anonymous: every page and every form post goes to the staff sign-in and back; a shopper's session opens nothing.</summary>
    public static async Task VisitorsAndShoppersAreSentToTheStaffSignInAsync(Uri backOffice, StorefrontShop shop)
    {
        var order = await BackOfficeOrders.PaidOrderAsync(shop);
        var customer = await PeopleAccess.DemoCustomerAsync(shop);
        var product = await CatalogueAdminJourney.DemoProductAsync(shop);
        using var visitor = new StaffClient(backOffice);
        foreach (var page in Pages.Select(p => At(p, order.Id, customer, product)))
        {
            using var shown = await visitor.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
            Assert.Equal("/admin/sign-in?returnUrl=" + Uri.EscapeDataString(page), shown.Headers.Location?.PathAndQuery);
        }
        foreach (var (page, form) in PeopleAccess.Forms)
        {
            using var posted = await visitor.SendRawFormAsync(PeopleAccess.At(page, customer), form);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/admin/sign-in", posted.Headers.Location?.PathAndQuery);
        }
        foreach (var (formPage, form) in OrderForms.Concat(CatalogueForms).Concat(CouponAdminJourney.Forms))
        {
            using var posted = await visitor.SendRawFormAsync(At(formPage, order.Id, customer, product), form);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/admin/sign-in", posted.Headers.Location?.PathAndQuery);
        }
        foreach (var file in AdminOnlyFiles)
        {
            using var shown = await visitor.GetAsync(file);
            Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
            Assert.StartsWith("/admin/sign-in", shown.Headers.Location?.PathAndQuery);
        }
        foreach (var (page, form) in AdminOnlyForms)
        {
            using var posted = await visitor.SendRawFormAsync(At(page, order.Id, customer, product), form);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/admin/sign-in", posted.Headers.Location?.PathAndQuery);
        }

        // The shop's session cookie (a signed-in customer's) is not the back office's: still sent to sign in.
        using var shopper = new StaffClient(shop.Address);
        using (await shopper.GetAsync("/account/sign-in")) { }
        using var signedIn = await shopper.PostFormAsync("/account/sign-in", "sign-in", new Dictionary<string, string>
        {
            ["Email"] = BackOfficeOrders.DemoCustomer, ["Password"] = BackOfficeOrders.DemoPassword, ["ReturnUrl"] = "/"
        });
        Assert.True(shopper.Has("addispay-session"), "the shop signed the customer in");
        using var admin = await shopper.GetAsyncAt(backOffice, "/admin/orders");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith("/admin/sign-in", admin.Headers.Location?.PathAndQuery);
    }

    /// <summary>A customer's right password opens no back office: the page says so and no staff cookie is set.</summary>
    public static async Task CustomersAreToldTheyHaveNoAccessAsync(Uri backOffice)
    {
        using var customer = new StaffClient(backOffice);
        using var answer = await customer.SignInAsync(BackOfficeOrders.DemoCustomer, BackOfficeOrders.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("This account has no back-office access.", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
        Assert.False(customer.Has("addispay-staff"));
        using var dashboard = await customer.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
    }

    /// <summary>Support: orders yes, the audit log no, and no refund above the configured limit (checked on the server).</summary>
    public static async Task SupportWorksOrdersWithinItsLimitAsync(Uri backOffice, StorefrontShop shop, decimal limit)
    {
        var order = await BackOfficeOrders.PaidOrderAsync(shop);
        var customer = await PeopleAccess.DemoCustomerAsync(shop);
        var product = await CatalogueAdminJourney.DemoProductAsync(shop);
        using var support = new StaffClient(backOffice);
        using (var signedIn = await support.SignInAsync(await BackOfficeOrders.SupportAgentAsync(shop), Infrastructure.Accounts.Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // The agent's profile chose Amharic (the sign-in remembered it); this test reads the English words.
        support.Keep("addispay-lang", "en");
        foreach (var allowed in new[] { "/admin", "/admin/orders", $"/admin/orders/{order.Id}", "/admin/denied" }.Concat(PeopleAccess.StaffPages.Select(p => PeopleAccess.At(p, customer))))
        {
            using var shown = await support.GetAsync(allowed);
            Assert.True(shown.StatusCode == HttpStatusCode.OK, $"support opens {allowed}: {shown.StatusCode}");
        }
        foreach (var adminOnly in new[] { "/admin/audit" }.Concat(PeopleAccess.AdminPages).Concat(CataloguePages).Select(p => At(p, order.Id, customer, product)))
        {
            using var denied = await support.GetAsync(adminOnly);
            Assert.True(denied.StatusCode == HttpStatusCode.Redirect, $"support is refused {adminOnly}: {denied.StatusCode}");
            Assert.StartsWith("/admin/denied", denied.Headers.Location?.PathAndQuery);
        }
        // The catalogue's forms (prices, stock, pictures, archive): refused to support on the server, and the product is still on sale.
        foreach (var (formPage, form) in CatalogueForms)
        {
            using var posted = await support.SendRawFormAsync(At(formPage, order.Id, customer, product), form);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/admin/denied", posted.Headers.Location?.PathAndQuery);
        }
        using (var products = shop.Api("products"))
        using (var stillOnSale = await products.GetAsync($"/api/products/{product}"))
            Assert.Equal(HttpStatusCode.OK, stillOnSale.StatusCode);

        var page = $"/admin/orders/{order.Id}";
        using (var tooMuch = await support.PostFormAsync(page, "order-refund", Refund(limit + 0.01m)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, tooMuch.StatusCode);
            Assert.Contains("more than your role may give", WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync()));
        }
        using (var within = await support.PostFormAsync(page, "order-refund", Refund(limit)))
        {
            Assert.Equal(HttpStatusCode.OK, within.StatusCode);
            Assert.Contains("Refund of ETB " + limit.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) + " issued.",
                WebUtility.HtmlDecode(await within.Content.ReadAsStringAsync()));
        }
    }

    /// <summary>An admin opens every page, the audit log included.</summary>
    public static async Task AdminsOpenEveryPageAsync(Uri backOffice, StorefrontShop shop)
    {
        var order = await BackOfficeOrders.PaidOrderAsync(shop);
        var customer = await PeopleAccess.DemoCustomerAsync(shop);
        var product = await CatalogueAdminJourney.DemoProductAsync(shop);
        using var admin = new StaffClient(backOffice);
        using (var signedIn = await admin.SignInAsync(BackOfficeOrders.DemoAdmin, BackOfficeOrders.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/admin", signedIn.Headers.Location is { IsAbsoluteUri: true } back ? back.AbsolutePath : signedIn.Headers.Location?.OriginalString);
        }
        foreach (var page in Pages.Select(p => At(p, order.Id, customer, product)))
        {
            using var shown = await admin.GetAsync(page);
            Assert.True(shown.StatusCode == HttpStatusCode.OK, $"an admin opens {page}: {shown.StatusCode}");
        }
    }

    /// <summary>
    /// Support opens no stock or category page (sent to /admin/denied) and its posts to their forms are refused the same way,
    /// whatever the page showed: the SKU's stock and the tree stay as they were.
    /// </summary>
    public static async Task SupportIsRefusedStockAndCategoriesAsync(Uri backOffice, StorefrontShop shop)
    {
        var sku = await StockAdminJourney.NewSkuAsync(shop, stock: 2);
        using var support = new StaffClient(backOffice);
        using (var signedIn = await support.SignInAsync(await BackOfficeOrders.SupportAgentAsync(shop), Infrastructure.Accounts.Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        foreach (var page in AdminOnlyPages.Select(p => p.Replace("{sku}", sku)).Concat(AdminOnlyFiles))
        {
            using var shown = await support.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
            Assert.StartsWith("/admin/denied", shown.Headers.Location?.PathAndQuery);
        }
        foreach (var (page, form) in AdminOnlyForms)
        {
            using var posted = await support.SendRawFormAsync(page.Replace("{sku}", sku), form);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/admin/denied", posted.Headers.Location?.PathAndQuery);
        }
        Assert.Equal(2, await StockAdminJourney.OnHandAsync(shop, sku));
        // The dashboard shows support the low-stock figure but no way into the list.
        using var dashboard = await support.GetAsync("/admin");
        Assert.DoesNotContain("/admin/inventory", await dashboard.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> Refund(decimal amount) => new()
    {
        ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "Goodwill for a late delivery", ["confirm"] = "true"
    };
}
