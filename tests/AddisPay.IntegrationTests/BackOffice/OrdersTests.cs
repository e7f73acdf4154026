using AddisPay.IntegrationTests.Storefront;

namespace AddisPay.IntegrationTests.BackOffice;

/// <summary>
/// The order pages (Components/Pages/Orders/) over plain HTTP: support's refunds against the configured limit, checked on
/// the server. One paid order, refunded just over the limit and then at it, once; the admin's work on an order runs in the
/// back-office journey (BackOfficeJourneyTests).
/// </summary>
[Collection(nameof(ShopBrowser))]
public sealed class OrdersTests(AllInOneShop fixture)
{
    private sealed record Refunds(HttpStatusCode AboveStatus, string AboveHtml, HttpStatusCode AtStatus, string AtHtml);

    private Task<Refunds> RefundsAsync() => fixture.Arranged.OnceAsync(async () =>
    {
        var order = await BackOfficeOrders.PaidOrderAsync(fixture.Shop);
        using var support = await BackOfficeAccess.SupportAsync(fixture);
        var page = $"/admin/orders/{order.Id}";
        using var tooMuch = await support.PostFormAsync(page, "order-refund", Refund(StorefrontShop.SupportRefundLimit + 0.01m));
        var above = (tooMuch.StatusCode, WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync()));
        using var within = await support.PostFormAsync(page, "order-refund", Refund(StorefrontShop.SupportRefundLimit));
        return new Refunds(above.StatusCode, above.Item2, within.StatusCode, WebUtility.HtmlDecode(await within.Content.ReadAsStringAsync()));
    });

    [Fact]
    public async Task Support_is_refused_a_refund_above_the_configured_limit_by_the_server()
    {
        var refunds = await RefundsAsync();
        Assert.Equal(HttpStatusCode.Forbidden, refunds.AboveStatus);
        Assert.Contains("more than your role may give", refunds.AboveHtml);
    }

    [Fact]
    public async Task Support_issues_a_refund_at_the_configured_limit()
    {
        var refunds = await RefundsAsync();
        Assert.Equal(HttpStatusCode.OK, refunds.AtStatus);
        Assert.Contains("Refund of ETB " + StorefrontShop.SupportRefundLimit.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) + " issued.", refunds.AtHtml);
    }

    private static Dictionary<string, string> Refund(decimal amount) => new()
    {
        ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "Goodwill for a late delivery", ["confirm"] = "true"
    };
}
