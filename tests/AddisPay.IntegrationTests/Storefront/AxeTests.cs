using Microsoft.Playwright;

namespace AddisPay.IntegrationTests.Storefront;

/// <summary>The axe run every journey page passes (PageChecks) finds what it must: proof that it can fail.</summary>
[Collection(nameof(ShopBrowser))]
public sealed class AxeTests(ShopBrowser browser)
{
    [Fact]
    public async Task Axe_reports_an_unlabelled_field_and_an_image_without_alternative_text_as_serious_or_critical()
    {
        var violations = await ViolationsOfAsync("""
            <!doctype html><html lang="en"><head><title>Broken</title></head>
            <body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10"><input type="text"></main></body></html>
            """);

        var image = Assert.Single(violations, v => v.Id == "image-alt");
        Assert.Equal("critical", image.Impact);
        Assert.Contains("<img", Assert.Single(image.Nodes));
        Assert.Contains(violations, v => v.Id == "label" && v.Impact is "critical" or "serious");
    }

    // The run keeps only the rules that can report serious or critical (PageChecks): contrast, the costliest of them, stays.
    [Fact]
    public async Task Axe_reports_text_too_faint_to_read_as_serious()
    {
        var contrast = Assert.Single(await ViolationsOfAsync("""
            <!doctype html><html lang="en"><head><title>Faint</title></head>
            <body><main><h1>Faint</h1><p style="color:#d0d0d0;background:#ffffff">Delivery within Addis Ababa in two days</p></main></body></html>
            """), v => v.Id == "color-contrast");
        Assert.Equal("serious", contrast.Impact);
    }

    private async Task<Axe.Violation[]> ViolationsOfAsync(string html)
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(html);
        return await Axe.ViolationsAsync(page);
    }
}
