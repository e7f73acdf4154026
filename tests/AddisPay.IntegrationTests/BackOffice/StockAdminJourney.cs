using AddisPay.IntegrationTests.Storefront;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// An admin keeps the stock and the category tree in the browser: from the dashboard's low-stock figure to the low-stock list,
/// a SKU's page, a restock with a reason that shows up in the movements, a refused removal below what checkouts hold, a new
/// category, and both actions in the audit log; axe on the inventory, SKU and category pages (the categories in Amharic too).
/// </summary>
public static class StockAdminJourney
{
    /// <summary>A published product of one SKU with <paramref name="stock"/> units, made through the admin API; named unlike anything the shopper journeys search for.</summary>
    public static async Task<string> NewSkuAsync(StorefrontShop shop, int stock)
    {
        using var products = shop.Api("products");
        var sku = $"JRN-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        using var created = await products.SendAsync(Shop.Request(HttpMethod.Post, "/api/products",
            new { name = "Mitad clay griddle", nameAm = "ምጣድ", sku, priceEtb = 830m, stock, publish = true }, Tokens.Admin()));
        await Shop.Expect(created, HttpStatusCode.Created);
        return sku;
    }

    public static async Task<int> OnHandAsync(StorefrontShop shop, string sku)
    {
        using var products = shop.Api("products");
        using var stock = await products.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", null, Tokens.Admin()));
        await Shop.Expect(stock, HttpStatusCode.OK);
        return (await stock.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("onHand").GetInt32();
    }

    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, Uri backOffice, string journey)
    {
        var sku = await NewSkuAsync(shop, stock: 3);
        var (adminContext, page, h1) = await StaffBrowser.SignInAsAdminAsync(browser, backOffice, "/admin/sign-in", "Today");
        await using var context = adminContext;

        // The dashboard's low-stock figure opens the list it counts; the new SKU with 3 units is on it.
        await page.Locator("[data-figure=lowstock] a").ClickAsync();
        await Expect(h1).ToHaveTextAsync("Low stock");
        await page.GetByLabel("SKU or product").FillAsync(sku);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator($"tr[data-sku='{sku}'] [data-available]")).ToHaveTextAsync("3");
        await PageChecks.PassAsync(page, journey, "s1-low-stock", phone: false);

        await page.GetByRole(AriaRole.Link, new() { Name = sku, Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Stock of {sku}");
        await page.GetByLabel("Quantity", new() { Exact = true }).FillAsync("12");
        await page.GetByLabel("Reason", new() { Exact = true }).SelectOptionAsync("restock");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Delivery from Harar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Stock of {sku} adjusted: on hand 3 → 15.");
        await Expect(page.Locator("[data-stock=onhand]")).ToHaveTextAsync("15");
        var restock = page.Locator("table.movements tr[data-reason=restock]");
        await Expect(restock).ToHaveCountAsync(1);
        await Expect(restock).ToContainTextAsync("+12");
        await Expect(restock).ToContainTextAsync("received from a supplier");
        await Expect(restock).ToContainTextAsync("Delivery from Harar");
        await Expect(restock).ToContainTextAsync("you");

        // Taking away more than is on hand is refused by the server, and the page says why.
        await page.GetByLabel("Quantity", new() { Exact = true }).FillAsync("-16");
        await page.GetByLabel("Reason", new() { Exact = true }).SelectOptionAsync("damaged");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("can't go below zero");
        await Expect(page.Locator("[data-stock=onhand]")).ToHaveTextAsync("15");
        await PageChecks.PassAsync(page, journey, "s2-stock", phone: false);

        await page.GetByRole(AriaRole.Link, new() { Name = "Categories", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Categories");
        var slug = $"berbere-{Guid.NewGuid():N}"[..16];
        await page.Locator("#create-name").FillAsync("Berbere spice");
        await page.Locator("#create-name-am").FillAsync("በርበሬ");
        await page.Locator("#create-slug").FillAsync(slug);
        await page.Locator("#create-parent").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create category" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Category Berbere spice created.");
        await Expect(page.Locator($"ul.tree > li[data-category='{slug}']")).ToContainTextAsync("በርበሬ");
        await PageChecks.PassAsync(page, journey, "s3-categories", phone: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("ምድቦች");
        await PageChecks.PassAsync(page, journey, "s4-categories-amharic", phone: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Categories");

        // A 3-row CSV with one bad row: the report says what became of each row.
        await page.GetByRole(AriaRole.Link, new() { Name = "Import / export", Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("Import and export the catalogue");
        var k = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var csv = "\uFEFFproduct_key,name,name_am,brand,category,description,description_am,sku,option_name,option_value,price_etb,stock,publish\r\n"
                  + $"p1,\"Sidama beans, natural\",የሲዳማ ቡና,,coffee,,,IMP-{k}-1,size,250 g,400.00,10,false\r\n"
                  + $"p2,Guji beans,የጉጂ ቡና,,coffee,,,IMP-{k}-2,,,450.00,5,false\r\n"
                  + $"p3,Limu beans,የሊሙ ቡና,,coffee,,,IMP-{k}-3,,,free,5,false\r\n";
        await page.GetByLabel("File (CSV or JSON)").SetInputFilesAsync(new FilePayload
        {
            Name = "beans.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv)
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Created 2, updated 0, unchanged 0, failed 1.");
        await Expect(page.Locator("table.import-report tr[data-outcome=created]")).ToHaveCountAsync(2);
        await Expect(page.Locator("table.import-report tr[data-outcome=failed]")).ToContainTextAsync("price_etb");
        await PageChecks.PassAsync(page, journey, "s5-import-report", phone: false);

        await page.GotoAsync("/admin/audit?staff=" + Uri.EscapeDataString(BackOfficeOrders.DemoAdmin));
        await Expect(page.Locator("table.audit tbody tr[data-action='catalogue.imported']").Filter(new() { HasText = "beans.csv" })).ToContainTextAsync("\"created\": 2");
        await Expect(page.Locator("table.audit tbody tr[data-action='stock.adjusted'][data-outcome='done']").Filter(new() { HasText = "sku:" + sku })).ToContainTextAsync("\"onHand\": 15");
        // The removal the server refused is on record too (asked for, refused, nothing changed).
        await Expect(page.Locator("table.audit tbody tr[data-action='stock.adjusted'][data-outcome='refused']").Filter(new() { HasText = "sku:" + sku })).ToHaveCountAsync(1);
        await Expect(page.Locator("table.audit tbody tr[data-action='category.created']").Filter(new() { HasText = "category:" + slug })).ToHaveCountAsync(1);
    }
}
