using Microsoft.Playwright;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The axe run every journey page passes (PageChecks) finds what it must: proof that it can fail.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class AxeTests(ShopBrowser browser)
{
    [Fact]
    public async Task Axe_reports_an_unlabelled_field_and_an_image_without_alternative_text_as_serious_or_critical()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Broken</title></head>
            <body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"><input type="text"></main></body></html>
            """);

        var violations = await Axe.ViolationsAsync(page);

        var image = Assert.Single(violations, v => v.Id == "image-alt");
        Assert.Equal("critical", image.Impact);
        Assert.Contains("<img", Assert.Single(image.Nodes));
        Assert.Contains(violations, v => v.Id == "label" && v.Impact is "critical" or "serious");
    }

    // The run keeps only the rules that can report serious or critical (PageChecks): contrast, the costliest of them, stays.
    [Fact]
    public async Task Axe_reports_text_too_faint_to_read_as_serious()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Faint</title></head>
            <body><main><h1>Faint</h1><p style="color:#d0d0d0;background:#ffffff">Delivery within Addis Ababa in two days</p></main></body></html>
            """);

        var contrast = Assert.Single(await Axe.ViolationsAsync(page), v => v.Id == "color-contrast");
        Assert.Equal("serious", contrast.Impact);
    }
}
