using AddisPay.Orders.Domain;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>Starting a payment: the checkout a gateway is asked to open, and the return addresses it may send the customer back to.</summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class StartPaymentTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<ChapaPaymentRefunded> ChapaPaymentAsync() => platform.OnceAsync(ChapaPaymentRefunded.ArrangeAsync);

    [Fact]
    public async Task A_chapa_payment_opens_on_chapas_hosted_checkout_page() =>
        Assert.StartsWith("https://checkout.chapa.co/", (await ChapaPaymentAsync()).Session.CheckoutUrl);

    [Fact]
    public async Task Chapa_is_asked_for_the_orders_total_in_birr()
    {
        var paid = await ChapaPaymentAsync();

        Assert.Equal(paid.Order.Amounts.TotalEtb, paid.Transaction.Amount);
        Assert.Equal("ETB", paid.Transaction.Currency);
        Assert.Equal(paid.Order.Amounts.TotalEtb.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), paid.Transaction.Request["amount"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chapa_is_told_to_call_back_the_platforms_chapa_callback() =>
        Assert.EndsWith("/api/payments/callbacks/chapa", (await ChapaPaymentAsync()).Transaction.Request["callback_url"]!.GetValue<string>());

    [Fact]
    public async Task Chapa_is_given_the_customers_phone_in_its_local_form() =>
        Assert.Equal("0911234567", (await ChapaPaymentAsync()).Transaction.Request["phone_number"]!.GetValue<string>()); // the account's +251911234567

    /// <summary>An order the refused starts below are tried on: a refusal changes nothing, so they share it.</summary>
    public sealed record OrderForRefusedStarts(Buyer Buyer, OrderView Order)
    {
        public static async Task<OrderForRefusedStarts> ArrangeAsync(PaymentShop shop)
        {
            var (buyer, order, _) = await shop.PendingOrderAsync();
            return new(buyer, order);
        }
    }

    [Theory]
    [InlineData("sandbox", "https://evil.example/orders/1")]
    [InlineData("chapa", "https://evil.example/orders/1")]
    [InlineData("sandbox", "javascript:alert(document.cookie)")]
    [InlineData("chapa", "//evil.example/orders/1")]
    [InlineData("sandbox", "/\\evil.example/orders/1")]
    [InlineData("chapa", "http://127.0.0.1:5080@evil.example/")]
    [InlineData("sandbox", "http://127.0.0.1:5081/orders/1")]
    [InlineData("chapa", "https://127.0.0.1:5080/orders/1")]
    public async Task A_return_address_outside_the_storefront_is_a_400_on_returnUrl_and_starts_no_payment(string gateway, string returnUrl)
    {
        var (buyer, order) = await platform.OnceAsync(OrderForRefusedStarts.ArrangeAsync);
        var chapaCalls = _shop.Chapa.Calls.Count;

        using var refused = await buyer.Orders.SendAsync(PaymentShop.PayRequest(buyer, order.Id, gateway, returnUrl));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("returnUrl", out _), problem.ToString());
        Assert.Equal(0, await _shop.AttemptsAsync(order.Id));
        Assert.Equal(0, await _shop.ScalarAsync($"select count(*) from payments.sandbox_charges where \"Description\" = 'Order {order.Number}'"));
        Assert.DoesNotContain(_shop.Chapa.Transactions.Values, t => t.Request["customization"]?["description"]?.GetValue<string>() == $"Order {order.Number}");
        Assert.True(_shop.Chapa.Calls.Count == chapaCalls || gateway != "chapa", "Chapa was asked to open a checkout");
        // The order can still be paid, back to the storefront.
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);
    }

    [Fact]
    public async Task A_return_path_is_resolved_against_the_storefront_and_is_what_chapa_sends_the_customer_back_to()
    {
        var (buyer, order, _) = await _shop.PendingOrderAsync();

        using var started = await buyer.Orders.SendAsync(PaymentShop.PayRequest(buyer, order.Id, "chapa", $"/orders/{order.Id}?paid=1"));

        await Shop.Expect(started, HttpStatusCode.Created);
        var session = (await started.Content.ReadFromJsonAsync<AddisPay.Payments.Contracts.PaymentSession>(Buyer.Json))!;
        // The first storefront origin (Testing: the local demo's, http://127.0.0.1:5080).
        Assert.Equal($"http://127.0.0.1:5080/orders/{order.Id}?paid=1", _shop.Chapa.Transactions[session.Reference].Request["return_url"]!.GetValue<string>());
    }
}
