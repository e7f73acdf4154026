using AddisPay.IntegrationTests.Orders;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>A credit note by its number: printable by default, for its customer only.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class ShowCreditNoteTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<LinesCancelledAndRefunded> LinesAsync() => platform.OnceAsync(LinesCancelledAndRefunded.ArrangeAsync);

    [Fact]
    public async Task A_credit_note_is_a_printable_page_with_its_number_its_receipts_number_and_its_vat()
    {
        var story = await LinesAsync();

        using var page = await _shop.Http.SendAsync(story.Buyer.Request(HttpMethod.Get, $"/api/payments/credit-notes/{story.Second.Number}"));

        await Shop.Expect(page, HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(story.Second.Number, html);
        Assert.Contains(story.First.ReceiptNumber, html);
        Assert.Contains("69.00", html);
    }

    [Fact]
    public async Task Another_customers_credit_note_looks_like_none()
    {
        var story = await LinesAsync();

        using var theirs = await _shop.Http.SendAsync(story.Other.Request(HttpMethod.Get, $"/api/payments/credit-notes/{story.Second.Number}"));

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }
}
