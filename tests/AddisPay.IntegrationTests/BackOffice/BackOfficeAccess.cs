using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// Who reaches which back-office page and action, over plain HTTP: the lists BackOfficeAccessTests and the pages' classes
/// go through, on the storefront's one-process shop (AllInOneShop), whose processes serve the back office too.
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

    /// <summary>The real order, customer and product the pages' addresses name.</summary>
    public sealed record Subjects(Guid Order, Guid Customer, Guid Product)
    {
        public string At(string page) => BackOfficeAccess.At(page, Order, Customer, Product);
    }

    /// <summary>A paid order of the demo customer, the demo customer and a demo product.</summary>
    public static async Task<Subjects> SubjectsAsync(StorefrontShop shop) =>
        new((await BackOfficeOrders.PaidOrderAsync(shop)).Id, await PeopleAccess.DemoCustomerAsync(shop), await CatalogueAdminJourney.DemoProductAsync(shop));

    /// <summary>A support agent (made once for the shop) signed in, reading the English words.</summary>
    public static async Task<StaffClient> SupportAsync(AllInOneShop fixture) =>
        await PeopleAccess.SignedInAsync(fixture.Shop.BackOffice,
            await fixture.Arranged.OnceAsync(() => BackOfficeOrders.SupportAgentAsync(fixture.Shop), "support agent"), Accounts.Password);

    /// <summary>What support was answered: the pages it opened, the forms it posted (with a token of a page it may open) and the dashboard.</summary>
    public sealed record SupportTried(StaffAnswer[] Pages, StaffAnswer[] Posts, string Dashboard);

    public static async Task<SupportTried> SupportTriesAsync(AllInOneShop fixture, IEnumerable<string> pages, IEnumerable<(string Page, string Form)> forms)
    {
        using var support = await SupportAsync(fixture);
        var shown = await StaffAnswer.OfPagesAsync(support, pages);
        var posted = new List<StaffAnswer>();
        foreach (var (page, form) in forms) posted.Add(await StaffAnswer.OfAsync($"{form} on {page}", support.SendRawFormAsync(page, form)));
        using var dashboard = await support.GetAsync("/admin");
        return new(shown, [.. posted], await dashboard.Content.ReadAsStringAsync());
    }

    /// <summary>Support tried the stock, category, import and audit pages, the catalogue's files and the forms of the first three, on a SKU of 2.</summary>
    public sealed record StockTried(string Sku, SupportTried Tried, int OnHandAfter);

    public static Task<StockTried> SupportTriesStockAsync(AllInOneShop fixture) => fixture.Arranged.OnceAsync(async () =>
    {
        var sku = await StockAdminJourney.NewSkuAsync(fixture.Shop, stock: 2);
        var tried = await SupportTriesAsync(fixture, AdminOnlyPages.Select(p => p.Replace("{sku}", sku)).Concat(AdminOnlyFiles),
            AdminOnlyForms.Select(f => (f.Page.Replace("{sku}", sku), f.Form)));
        return new StockTried(sku, tried, await StockAdminJourney.OnHandAsync(fixture.Shop, sku));
    });
}
