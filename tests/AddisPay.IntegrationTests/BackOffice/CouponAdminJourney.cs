using AddisPay.IntegrationTests.Storefront;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// An admin makes a coupon in the browser (10% off, once per customer), a customer applies it at the shop's checkout and
/// sees the discount with VAT, and the coupon's page shows the use and links the order; the audit log has the creation.
/// axe passes on the list, the new form and the coupon's page.
/// </summary>
public static class CouponAdminJourney
{
    /// <summary>The coupon pages (admins only: a coupon is a price); ADDIS10 is a demo coupon.</summary>
    public static readonly string[] Pages = ["/admin/coupons", "/admin/coupons/new", "/admin/coupons/ADDIS10"];

    public static readonly (string Page, string Form)[] Forms =
        [("/admin/coupons/new", "coupon-new"), ("/admin/coupons/ADDIS10", "coupon-change"), ("/admin/coupons/ADDIS10", "coupon-end")];

    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, Uri backOffice, string journey, bool axe = true)
    {
        var code = $"JOURNEY-{Guid.NewGuid():N}"[..18].ToUpperInvariant();
        var (adminContext, page, h1) = await StaffBrowser.SignInAsAdminAsync(browser, backOffice, "/admin/coupons", "Coupons");
        await using var context = adminContext;
        await Expect(page.Locator("tr[data-coupon='ADDIS10'] td[data-status]")).ToHaveTextAsync("active");
        if (axe) await PageChecks.PassAsync(page, journey, "k1-coupons", phone: false);

        await page.GetByRole(AriaRole.Link, new() { Name = "New coupon" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("New coupon");
        await page.GetByLabel("Code").FillAsync(code.ToLowerInvariant());
        await page.GetByLabel("Kind").SelectOptionAsync("percentage");
        await page.GetByLabel("Value").FillAsync("abc");
        await page.GetByLabel("Uses per customer").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the coupon" }).ClickAsync();
        // Refused beside its field, with what was typed kept.
        await Expect(page.Locator("#err-value")).ToHaveTextAsync("Write an amount such as 150 or 12.50.");
        await Expect(page.GetByLabel("Code")).ToHaveValueAsync(code.ToLowerInvariant());
        if (axe) await PageChecks.PassAsync(page, journey, "k2-coupon-refused", phone: false);
        await page.GetByLabel("Value").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the coupon" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Coupon {code}");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Coupon created.");
        await Expect(page.Locator("dd[data-uses]")).ToHaveTextAsync("0");
        if (axe)
        {
            await PageChecks.PassAsync(page, journey, "k3-coupon", phone: false);
            // The coupon and the list in Amharic: longer words, the same rules.
            await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
            await Expect(h1).ToHaveTextAsync($"ኩፖን {code}");
            await PageChecks.PassAsync(page, journey, "k4-coupon-amharic", phone: false);
            await page.GotoAsync("/admin/coupons");
            await Expect(h1).ToHaveTextAsync("ኩፖኖች");
            await PageChecks.PassAsync(page, journey, "k5-coupons-amharic", phone: false);
            await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
            await Expect(h1).ToHaveTextAsync("Coupons");
            await page.GotoAsync($"/admin/coupons/{code}");
            await Expect(h1).ToHaveTextAsync($"Coupon {code}");
        }

        // The customer: two bags of Yirgacheffe (650 each), 10% off = 130, shipping in Addis Ababa 100, VAT 15% of 1,270 = 190.50.
        var (email, customerId) = await NewCustomerAsync(shop);
        await using var shopContext = await browser.Browser.NewContextAsync(new() { BaseURL = shop.Address.ToString().TrimEnd('/') });
        shopContext.SetDefaultNavigationTimeout(60_000);
        shopContext.SetDefaultTimeout(60_000);
        var shopPage = await shopContext.NewPageAsync();
        await shopPage.GotoAsync("/account/sign-in");
        await shopPage.GetByLabel("Email address").FillAsync(email);
        await shopPage.GetByLabel("Password").FillAsync(Accounts.Password);
        await shopPage.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(shopPage).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"), new() { Timeout = 45_000 });
        // The sign-in takes the profile's language (the test accounts' is Amharic); this journey reads the shop in English.
        await shopContext.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "addispay-lang", Value = "en", Url = shop.Address.ToString().TrimEnd('/') }]);
        await shopPage.GotoAsync("/p/yirgacheffe-coffee-beans");
        await shopPage.GetByLabel("Variant").SelectOptionAsync("COF-YIRG-500-G");
        await shopPage.GetByLabel("Quantity").FillAsync("2");
        await shopPage.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Expect(shopPage.Locator(".confirmation")).ToContainTextAsync("Added");
        await shopPage.GotoAsync("/checkout");
        await Expect(shopPage.Locator(".checkout-lines li")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^2 × "));
        await shopPage.GetByLabel("A new address").CheckAsync();
        await shopPage.GetByLabel("Recipient's full name").FillAsync("Hirut Bekele");
        await shopPage.GetByLabel("Phone (+251…)").FillAsync("0911 22 33 44");
        await shopPage.GetByLabel("Region").SelectOptionAsync("Addis Ababa");
        await shopPage.GetByLabel("City or town", new() { Exact = true }).FillAsync("Addis Ababa");
        await shopPage.GetByLabel("House number, street, landmark").FillAsync("Bole, near the Friendship building");
        await shopPage.GetByLabel("Coupon code (optional)").FillAsync(code.ToLowerInvariant());
        await shopPage.GetByRole(AriaRole.Button, new() { Name = "Update totals" }).ClickAsync();
        var totals = shopPage.Locator(".quote dl.totals");
        await Expect(totals).ToContainTextAsync($"Discount ({code})−ETB 130.00");
        await Expect(totals).ToContainTextAsync("VAT (15%)ETB 190.50");
        await Expect(totals).ToContainTextAsync("Total to payETB 1,460.50");
        await shopPage.GetByRole(AriaRole.Button, new() { Name = "Place order and pay" }).ClickAsync();
        await Expect(shopPage.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Sandbox payment / የሙከራ ክፍያ" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var order = await OrderWithCouponAsync(shop, email, code);
        Assert.Equal((130m, 190.50m, 1460.50m), (order.GetProperty("amounts").GetProperty("discountEtb").GetDecimal(),
            order.GetProperty("amounts").GetProperty("vatEtb").GetDecimal(), order.GetProperty("amounts").GetProperty("totalEtb").GetDecimal()));
        var number = order.GetProperty("number").GetString()!;

        // Back office: one use, the order linked; the customer's second use would be refused (a limit of one each).
        await page.ReloadAsync();
        await Expect(page.Locator("dd[data-uses]")).ToHaveTextAsync("1");
        var redemption = page.Locator($"table.redemptions tr[data-order='{number}']");
        await Expect(redemption).ToHaveCountAsync(1);
        await Expect(redemption.GetByRole(AriaRole.Link, new() { Name = customerId.ToString() })).ToHaveCountAsync(1);
        await redemption.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Order {number}");

        await page.GotoAsync($"/admin/audit?action=coupon.created");
        await Expect(page.Locator("table.audit tbody tr").Filter(new() { HasText = "coupon:" + code })).ToHaveCountAsync(1);
    }

    /// <summary>A new verified customer (who fills the cart in the shop's pages).</summary>
    private static async Task<(string Email, Guid Id)> NewCustomerAsync(StorefrontShop shop)
    {
        using var users = shop.Api("users");
        var email = $"coupon-{Guid.NewGuid():N}@addispay.test";
        return (email, await new Accounts(users, "").RegisterAsync(email));
    }

    /// <summary>The customer's order placed with <paramref name="code"/>, as the Orders API shows it to them.</summary>
    private static async Task<JsonElement> OrderWithCouponAsync(StorefrontShop shop, string email, string code)
    {
        using var users = shop.Api("users");
        var tokens = await new Accounts(users, "").SignInAsync(email);
        using var orders = shop.Api("orders");
        using var request = Shop.Request(HttpMethod.Get, "/api/orders", null, tokens.AccessToken);
        using var listed = await orders.SendAsync(request);
        await Shop.Expect(listed, HttpStatusCode.OK);
        var list = await listed.Content.ReadFromJsonAsync<JsonElement>();
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
        var id = Assert.Single(items.EnumerateArray()).GetProperty("id").GetGuid();
        using var detail = await orders.SendAsync(Shop.Request(HttpMethod.Get, $"/api/orders/{id}", null, tokens.AccessToken));
        await Shop.Expect(detail, HttpStatusCode.OK);
        var order = await detail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, order.GetProperty("couponCode").GetString());
        return order;
    }

    public static async Task<JsonElement> DemoCouponAsync(StorefrontShop shop)
    {
        using var orders = shop.Api("orders");
        using var listed = await orders.SendAsync(Shop.Request(HttpMethod.Get, "/api/orders/coupons", null, Tokens.Admin()));
        await Shop.Expect(listed, HttpStatusCode.OK);
        return (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(c => c.GetProperty("code").GetString() == "ADDIS10");
    }
}
