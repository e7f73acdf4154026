using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>
/// home → search with a misspelling → product → add to cart → cart, as a shopper does it in a real browser, in English or
/// Amharic, with or without JavaScript. Uses the demo catalogue's Yirgacheffe beans (250 g at 340, 500 g at 650 birr).
/// </summary>
public static class ShopperJourney
{
    private const string Sku500 = "COF-YIRG-500-G";

    public static async Task RunAsync(ShopBrowser browser, Uri shop, string journey, bool amharic, bool javaScript = true)
    {
        await using var context = await browser.PhoneAsync(shop, javaScript);
        var page = await context.NewPageAsync();
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });

        await page.GotoAsync("/");
        await Expect(h1).ToHaveTextAsync("Welcome to the AddisPay shop");
        if (amharic)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "አማርኛ" }).ClickAsync();
            await Expect(h1).ToHaveTextAsync("ወደ አዲስፔይ መደብር እንኳን በደህና መጡ");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "am");
        }
        await PageChecks.PassAsync(page, journey, "1-home", javaScript);

        await page.GetByLabel(amharic ? "ምርቶችን ይፈልጉ" : "Search products").FillAsync("cofee");
        await page.GetByLabel(amharic ? "ምርቶችን ይፈልጉ" : "Search products").PressAsync("Enter");
        await Expect(page.Locator(".did-you-mean")).ToHaveTextAsync(amharic ? "ለ “coffee” ውጤቶችን በማሳየት ላይ።" : "Showing results for “coffee”.");
        await PageChecks.PassAsync(page, journey, "2-search", javaScript);

        var name = amharic ? "የይርጋጨፌ ቡና" : "Yirgacheffe coffee beans";
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(name);
        await Expect(page.Locator(".product .price")).ToHaveTextAsync(amharic ? "340.00 ብር" : "ETB 340.00");
        if (amharic) await AssertDrawnWithAnEthiopicFontAsync(context, page, "h1");
        await PageChecks.PassAsync(page, journey, "3-product", javaScript);

        if (javaScript)
        {
            await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
            await page.EvaluateAsync("() => window.__sameDocument = true");
        }
        await page.GetByLabel(amharic ? "ዓይነት" : "Variant").SelectOptionAsync(Sku500);
        await page.GetByLabel(amharic ? "ብዛት" : "Quantity").FillAsync("2");
        var post = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = amharic ? "ወደ ጋሪ ጨምር" : "Add to cart" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Contains("__RequestVerificationToken", post.Request.PostData);
        await Expect(page.Locator(".confirmation")).ToContainTextAsync(amharic ? $"{name} ወደ ጋሪዎ ተጨምሯል።" : $"Added {name} to your cart.");
        await Expect(page.Locator(".product .price")).ToHaveTextAsync(amharic ? "650.00 ብር" : "ETB 650.00");
        if (javaScript)
            Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "with JavaScript the form post is enhanced (no page reload)");
        await PageChecks.PassAsync(page, journey, "4-added", javaScript);

        await page.GetByRole(AriaRole.Link, new() { Name = amharic ? "ጋሪውን ይመልከቱ" : "View cart" }).ClickAsync();
        await Expect(h1).ToHaveTextAsync(amharic ? "የእርስዎ ጋሪ" : "Your cart");
        var line = page.Locator(".cart-line");
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line.GetByRole(AriaRole.Heading)).ToHaveTextAsync(name);
        await Expect(line.GetByLabel(amharic ? "ብዛት" : "Quantity")).ToHaveValueAsync("2");
        await Expect(line.Locator(".line-total")).ToHaveTextAsync(amharic ? "1,300.00 ብር" : "ETB 1,300.00");
        await PageChecks.PassAsync(page, journey, "5-cart", javaScript);

        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "addispay-cart");
        Assert.True(cookie.HttpOnly, "the cart id is out of scripts' reach");
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
    }

    /// <summary>Real glyphs, not boxes: Chromium reports which fonts drew the element's text.</summary>
    private static async Task AssertDrawnWithAnEthiopicFontAsync(IBrowserContext context, IPage page, string selector)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = root, ["selector"] = selector });
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = node!.Value.GetProperty("nodeId").GetInt32() });
        var names = fonts!.Value.GetProperty("fonts").EnumerateArray().Select(f => f.GetProperty("familyName").GetString()).ToList();
        Assert.True(names.Any(n => n!.Contains("Ethiopic", StringComparison.OrdinalIgnoreCase) || n.Contains("Abyssinica", StringComparison.OrdinalIgnoreCase)),
            $"Amharic text drawn with {string.Join(", ", names)}: install fonts-noto-core (scripts/ensure-chromium.sh)");
    }
}
