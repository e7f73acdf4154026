using AddisPay.IntegrationTests.Products;
using AddisPay.IntegrationTests.Storefront;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// An admin puts a new product on sale in the browser: signs in, creates it with two variants (a draft), uploads a small
/// real PNG, publishes it, adds a third variant (a SKU already taken is refused next to the field), and a shopper finds it
/// on the storefront with that picture first and adds the new variant to the cart; the audit log has each step. axe passes
/// on the list and the edit page (the edit page in Amharic too).
/// </summary>
public static class CatalogueAdminJourney
{
    public static async Task RunAsync(ShopBrowser browser, StorefrontShop shop, Uri backOffice, string journey)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var name = $"Guji natural coffee {token}";
        var sku250 = $"GUJI-{token}-250".ToUpperInvariant();
        var sku500 = $"GUJI-{token}-500".ToUpperInvariant();
        var (adminContext, page, h1) = await StaffBrowser.SignInAsAdminAsync(browser, backOffice, "/admin/catalogue", "Catalogue");
        await using var context = adminContext;
        await page.GetByLabel("Name, slug or SKU").FillAsync("yirgacheffe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("table.catalogue tbody tr")).ToHaveCountAsync(1);
        await PageChecks.PassAsync(page, journey, "c1-catalogue", phone: false);

        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("New product");
        await page.GetByLabel("Name (English)").FillAsync(name);
        await page.GetByLabel("Name (Amharic)").FillAsync("የጉጂ ቡና");
        await page.GetByLabel("Description (English)").FillAsync("Natural process, fruity.");
        await page.GetByLabel("Category").SelectOptionAsync("coffee-beans");
        foreach (var (row, sku, size, price, stock) in new[] { (1, sku250, "250 g", "310.00", "20"), (2, sku500, "500 g", "590.00", "8") })
        {
            await page.GetByLabel($"Variant {row} SKU").FillAsync(sku);
            await page.GetByLabel($"Variant {row} option value").FillAsync(size);
            await page.GetByLabel($"Variant {row} price in ETB before VAT").FillAsync(price);
            await page.GetByLabel($"Variant {row} initial stock").FillAsync(stock);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the product (as a draft)" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Product: {name}");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Product created as a draft.");
        var status = page.Locator("dd[data-status]");
        await Expect(status).ToHaveTextAsync("draft");
        await Expect(page.Locator("table.variants tbody tr")).ToHaveCountAsync(2);
        await PageChecks.PassAsync(page, journey, "c2-product", phone: false);

        await page.GetByLabel("Picture to upload").SetInputFilesAsync(new FilePayload { Name = "guji.png", MimeType = "image/png", Buffer = ProductShop.Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Picture added.");
        await Expect(page.Locator("ul.images li")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Expect(status).ToHaveTextAsync("published");
        var slug = (await page.Locator("a[href^='/p/']").GetAttributeAsync("href"))!["/p/".Length..];

        // A third size on the published product: a SKU another variant holds is said next to the field, then a new one is added.
        var sku1000 = $"GUJI-{token}-1000".ToUpperInvariant();
        await page.GetByLabel("New variant's SKU", new() { Exact = true }).FillAsync(sku250);
        await page.GetByLabel("Its option value (e.g. 1 kg)", new() { Exact = true }).FillAsync("1 kg");
        await page.GetByLabel("Its price in ETB before VAT", new() { Exact = true }).FillAsync("1150.00");
        await page.GetByLabel("Its initial stock", new() { Exact = true }).FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the variant" }).ClickAsync();
        await Expect(page.GetByText("Another variant already has this SKU: choose another.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("New variant's SKU", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await page.GetByLabel("New variant's SKU", new() { Exact = true }).FillAsync(sku1000);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the variant" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The variant is added.");
        await Expect(page.Locator("table.variants tbody tr")).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync("ምርት፦ የጉጂ ቡና");
        await PageChecks.PassAsync(page, journey, "c3-product-amharic", phone: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync($"Product: {name}");

        await page.GotoAsync($"/admin/audit?action=product.created");
        await Expect(page.Locator("table.audit tbody tr").Filter(new() { HasText = "product:" + slug })).ToHaveCountAsync(1);
        await page.GotoAsync($"/admin/audit?staff={Uri.EscapeDataString(BackOfficeOrders.DemoAdmin)}");
        var rows = page.Locator("table.audit tbody tr").Filter(new() { HasText = "product:" + slug });
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(rows.And(page.Locator("[data-outcome='refused']"))).ToHaveCountAsync(1);
        foreach (var action in new[] { "product.created", "product.image_added", "product.published" })
            await Expect(rows.And(page.Locator($"[data-action='{action}']"))).ToHaveCountAsync(1);

        // The shop: the product with the uploaded picture first, and a variant into the cart.
        var shopPage = await context.NewPageAsync();
        await shopPage.GotoAsync(new Uri(shop.Address, "/p/" + slug).ToString());
        await Expect(shopPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        var picture = shopPage.Locator("img.product-image, .product-image img").First;
        var src = await picture.GetAttributeAsync("src");
        Assert.Matches($"^/api/products/[0-9a-f-]{{36}}/images/[0-9a-f]{{64}}$", src);
        using (var products = shop.Api("products"))
        using (var served = await products.GetAsync(src))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
            Assert.Equal(ProductShop.Png, await served.Content.ReadAsByteArrayAsync());
        }
        await shopPage.GetByLabel("Variant").SelectOptionAsync(sku1000);
        await shopPage.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Expect(shopPage.Locator(".confirmation")).ToContainTextAsync($"Added {name} to your cart.");
    }

    /// <summary>A product of the demo catalogue (the Yirgacheffe beans), for the role tests' addresses.</summary>
    public static async Task<Guid> DemoProductAsync(StorefrontShop shop)
    {
        using var products = shop.Api("products");
        return (await products.GetFromJsonAsync<JsonElement>("/api/products/yirgacheffe-coffee-beans")).GetProperty("id").GetGuid();
    }
}
