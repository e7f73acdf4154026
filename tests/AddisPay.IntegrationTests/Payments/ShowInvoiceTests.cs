using AddisPay.Payments.ShowInvoice;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>An order's receipt: as data when a client asks for JSON, a printable page otherwise.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class ShowInvoiceTests(PaymentsPlatform platform)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly PaymentShop _shop = new(platform);

    private Task<SandboxPaidOrder> PaidAsync() => platform.OnceAsync(SandboxPaidOrder.ArrangeAsync);

    private async Task<HttpResponseMessage> ReceiptAsync(SandboxPaidOrder paid, string? accept)
    {
        var r = paid.Buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{paid.Order.Id}");
        if (accept is not null) r.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _shop.Http.SendAsync(r);
        await Shop.Expect(response, HttpStatusCode.OK);
        return response;
    }

    private async Task<ReceiptView> JsonReceiptAsync(SandboxPaidOrder paid)
    {
        using var json = await ReceiptAsync(paid, "application/json");
        return (await json.Content.ReadFromJsonAsync<ReceiptView>(Buyer.Json))!;
    }

    [Fact]
    public async Task A_receipt_asked_for_as_json_is_json_that_varies_by_accept()
    {
        using var json = await ReceiptAsync(await PaidAsync(), "application/json");

        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", json.Headers.Vary);
    }

    [Fact]
    public async Task A_receipt_is_numbered_inv_year_and_six_digits() =>
        Assert.Matches("^INV-\\d{4}-\\d{6}$", (await JsonReceiptAsync(await PaidAsync())).Number);

    [Fact]
    public async Task A_receipt_names_its_order_gateway_currency_and_vat_rate()
    {
        var paid = await PaidAsync();

        var receipt = await JsonReceiptAsync(paid);

        Assert.Equal((paid.Order.Id, paid.Order.Number, "sandbox", "ETB", 0.15m), (receipt.OrderId, receipt.OrderNumber, receipt.Gateway, receipt.Currency, receipt.VatRate));
    }

    [Fact]
    public async Task A_receipts_amounts_are_the_orders()
    {
        var paid = await PaidAsync();

        var receipt = await JsonReceiptAsync(paid);

        Assert.Equal((paid.Order.Amounts.SubtotalEtb, paid.Order.Amounts.ShippingEtb, paid.Order.Amounts.VatEtb, paid.Order.Amounts.TotalEtb),
            (receipt.SubtotalEtb, receipt.ShippingEtb, receipt.VatEtb, receipt.TotalEtb));
    }

    [Fact]
    public async Task A_receipt_lists_the_orders_lines()
    {
        var line = Assert.Single((await JsonReceiptAsync(await PaidAsync())).Lines);

        Assert.Equal((2, 1000m, 2000m), (line.Quantity, line.UnitPriceEtb, line.LineTotalEtb));
    }

    // A browser ranks HTML first (and JSON only under */*); a client that says nothing gets the page too.
    [Theory]
    [InlineData(BrowserAccept)]
    [InlineData(null)]
    public async Task A_receipt_is_a_printable_page_with_its_vat_unless_json_is_asked_for(string? accept)
    {
        var paid = await PaidAsync();

        using var html = await ReceiptAsync(paid, accept);

        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!doctype html>", page);
        Assert.Contains(paid.Order.Amounts.VatEtb.ToString("N2", System.Globalization.CultureInfo.InvariantCulture), page);
    }

    [Fact]
    public async Task A_receipt_page_shows_its_number_the_vat_and_the_total_with_its_amharic_title()
    {
        var receipt = (await platform.OnceAsync(Orders.OrderLifeCycle.ArrangeAsync)).Receipt;

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Matches("INV-\\d{4}-\\d{6}", receipt.Body);
        Assert.Contains("315.00", receipt.Body);
        Assert.Contains("2,415.00", receipt.Body);
        Assert.Contains("ደረሰኝ", receipt.Body);
    }

    [Fact]
    public async Task Another_customer_asking_for_a_receipt_gets_a_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await platform.OnceAsync(Orders.OrderLifeCycle.ArrangeAsync)).StrangersReceipt.Status);
}
