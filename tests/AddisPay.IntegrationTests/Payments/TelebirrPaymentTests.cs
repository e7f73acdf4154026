using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Orders.Domain;
using AddisPay.Products.Domain;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// Payments through the real telebirr adapter (real HTTP, real RSA-PSS signing and verification) against a fake
/// telebirr on loopback that checks every signature: the signed preOrder and checkout URL, notifications that
/// are genuine, forged, tampered, for the wrong amount or replayed, a lost notification found by reconciliation,
/// a decline, refunds, the cached fabric token, and telebirr's failures as 502s.
/// </summary>
public sealed class TelebirrPaymentTests(TelebirrPaymentTests.Platform platform) : IClassFixture<TelebirrPaymentTests.Platform>
{
    public const string PublicBaseUrl = "https://shop.addispay.test";

    public sealed class Platform : IAsyncLifetime
    {
        public FakeTelebirr Telebirr { get; private set; } = null!;
        public PlatformFactory Factory { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Telebirr = await FakeTelebirr.StartAsync();
            Factory = new PlatformFactory("all", new Dictionary<string, string?>
            {
                ["AddisPay:Payments:PublicBaseUrl"] = PublicBaseUrl,
                ["AddisPay:Payments:ReturnOrigins:0"] = PublicBaseUrl, // the storefront, in place of the local demo's origins
                ["AddisPay:Payments:Telebirr:BaseUrl"] = Telebirr.BaseUrl,
                ["AddisPay:Payments:Telebirr:WebBaseUrl"] = Telebirr.WebBaseUrl,
                ["AddisPay:Payments:Telebirr:FabricAppId"] = FakeTelebirr.FabricAppId,
                ["AddisPay:Payments:Telebirr:AppSecret"] = FakeTelebirr.AppSecret,
                ["AddisPay:Payments:Telebirr:MerchantAppId"] = FakeTelebirr.MerchantAppId,
                ["AddisPay:Payments:Telebirr:MerchantCode"] = FakeTelebirr.MerchantCode,
                ["AddisPay:Payments:Telebirr:PrivateKey"] = Telebirr.MerchantPrivateKeyPem,
                ["AddisPay:Payments:Telebirr:PublicKey"] = Telebirr.TelebirrPublicKeyPem,
                ["AddisPay:Payments:ReconcileAfter"] = "00:00:00",
                ["AddisPay:Payments:ReconcileInterval"] = "01:00:00", // the tests trigger it
            });
            Telebirr.NotifyClient = Factory.CreateClient();
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Telebirr.DisposeAsync();
        }
    }

    private readonly Shop _shop = platform.Factory.Shop();
    private HttpClient Http => _shop.Products;
    private FakeTelebirr Telebirr => platform.Telebirr;

    private async Task<(Buyer Buyer, OrderView Order, string Sku)> PendingOrderAsync(decimal price = 400m, int quantity = 1)
    {
        var sku = $"TLB-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var product = await _shop.CreateProductAsync(sku, price, 20);
        var buyer = await Buyer.SignUpAsync(Http);
        var cartId = await buyer.FillCartAsync(product.Id, quantity);
        return (buyer, await buyer.OrderAsync(cartId), sku);
    }

    private Task<long> CountAsync(string sql, Guid orderId) => OrderRecords.CountAsync(platform.Factory.ConnectionString, sql, orderId);

    private Task<long> EventsAsync(string type, Guid orderId) => OrderRecords.EventsAsync(platform.Factory.ConnectionString, type, orderId);

    private Task<long> ReceiptsAsync(string outcome, Guid orderId) => CountAsync(
        $"select count(*) from payments.webhook_receipts where \"Outcome\" = '{outcome}' and \"Reference\" = (select \"Reference\" from payments.payments where \"OrderId\"::text = @id)", orderId);

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Telebirr_checkout_is_a_signed_preOrder_paid_once_on_a_verified_notification_with_a_receipt_and_refunded_through_telebirr()
    {
        var (buyer, order, _) = await PendingOrderAsync(price: 1000m);
        var refusals = Telebirr.Refusals.Count; // other tests provoke some on purpose
        var session = await buyer.PayAsync(order.Id, "telebirr");

        // telebirr received a preOrder it could verify with the merchant's public key, for this order's amount.
        Assert.Matches("^[A-Za-z0-9]{1,64}$", session.Reference);
        var tb = Telebirr.Orders[session.Reference];
        Assert.Equal(order.Amounts.TotalEtb, tb.Amount);
        Assert.Equal(Money(order.Amounts.TotalEtb), tb.Biz["total_amount"]!.GetValue<string>());
        Assert.Equal(session.Reference, tb.Biz["merch_order_id"]!.GetValue<string>());
        Assert.Equal("ETB", tb.Biz["trans_currency"]!.GetValue<string>());
        Assert.Equal($"{PublicBaseUrl}/api/payments/webhooks/telebirr", tb.NotifyUrl);
        Assert.Equal("60m", tb.Biz["timeout_express"]!.GetValue<string>()); // no longer than Payments waits for the attempt
        Assert.Equal(refusals, Telebirr.Refusals.Count);

        // The checkout URL is telebirr's hosted page with a raw request telebirr can verify; the customer pays there.
        Assert.StartsWith(Telebirr.WebBaseUrl, session.CheckoutUrl);
        Assert.Contains($"prepay_id={tb.PrepayId}", session.CheckoutUrl);
        await Telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        Assert.Equal(refusals, Telebirr.Refusals.Count);

        // telebirr notifies; the platform verifies the notification's signature, then asks telebirr (queryOrder).
        var notification = Telebirr.Notification(session.Reference);
        using (var first = await Telebirr.DeliverAsync(session.Reference, notification)) await Shop.Expect(first, HttpStatusCode.OK);
        Assert.Contains($"queryOrder:{session.Reference}", Telebirr.Calls);

        // The same notification again, and three more at once: nothing is settled twice.
        var replays = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Telebirr.DeliverAsync(session.Reference, notification)));
        Assert.All(replays, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var paid = await buyer.OrderReachesAsync(order.Id, "paid");
        Assert.Equal("telebirr", paid.Gateway);
        Assert.Equal(1, await EventsAsync("payments.payment_succeeded", order.Id));
        Assert.Equal(1, await EventsAsync("orders.order_paid", order.Id));
        Assert.Equal(1, await CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", order.Id));
        Assert.Equal(1, await ReceiptsAsync("Accepted", order.Id));
        Assert.Equal(4, await ReceiptsAsync("Duplicate", order.Id));
        using (var receipt = await Http.SendAsync(buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{order.Id}")))
        {
            await Shop.Expect(receipt, HttpStatusCode.OK);
            var html = await receipt.Content.ReadAsStringAsync();
            Assert.Contains($"telebirr ({session.Reference})", html);
            Assert.Contains(order.Amounts.TotalEtb.ToString("N2", CultureInfo.InvariantCulture), html);
        }

        // A refund goes back through telebirr's refund call, signed, for the amount refunded. Its first reply is lost:
        // the retry carries the same refund_request_no, telebirr says REFUND_DUPLICATED, and nothing is refunded twice.
        Telebirr.LoseNextRefundReply();
        using (var refund = await Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 100m, reason = "Late delivery" }, Tokens.Admin())))
            await Shop.Expect(refund, HttpStatusCode.OK);
        var refunded = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 100m, "the refund confirmed");
        // Not shipped yet: the goods still go out, the refunded amount kept beside the fulfilment state (Order.StatusAfterRefund).
        Assert.Equal("paid", refunded.Status);
        var calls = Telebirr.Refunds.Where(r => r["merch_order_id"]!.GetValue<string>() == session.Reference).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Single(calls.Select(c => c["refund_request_no"]!.GetValue<string>()).Distinct());
        var call = calls[0];
        Assert.Equal("100.00", call["actual_amount"]!.GetValue<string>());
        Assert.Equal("ETB", call["trans_currency"]!.GetValue<string>());
        Assert.Equal("Late delivery", call["refund_reason"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", call["refund_request_no"]!.GetValue<string>());
        Assert.Equal(100m, Telebirr.Orders[session.Reference].Refunded);
        Assert.Equal("succeeded", Assert.Single(refunded.Refunds).Status);
        Assert.Equal(refusals, Telebirr.Refusals.Count);
    }

    [Fact]
    public async Task Forged_tampered_and_mismatched_notifications_are_refused_and_change_nothing()
    {
        var (buyer, order, _) = await PendingOrderAsync(price: 700m);
        var session = await buyer.PayAsync(order.Id, "telebirr");
        // The customer really paid: only the checks on the notification stand between a forgery and the order.
        await Telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        var genuine = Telebirr.Notification(session.Reference);

        // Signed with another key (a forger's), without a signature, with a signature that isn't base64.
        using var forger = RSA.Create(2048);
        using (var r = await Telebirr.DeliverAsync(session.Reference, Telebirr.Notification(session.Reference, signWith: forger)))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await Telebirr.DeliverAsync(session.Reference, Edit(genuine, n => n.Remove("sign"))))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await Telebirr.DeliverAsync(session.Reference, Edit(genuine, n => n["sign"] = "not a signature")))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        // telebirr's genuine signature over a body that was then altered: a cheaper amount, another order, a field added.
        using (var r = await Telebirr.DeliverAsync(session.Reference, Edit(genuine, n => n["total_amount"] = "1.00")))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await Telebirr.DeliverAsync(session.Reference, Edit(genuine, n => n["trade_status"] = "Failure")))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await Telebirr.DeliverAsync(session.Reference, Edit(genuine, n => n["callback_info"] = "extra")))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        // A second total_amount after the signed one: a parser keeping the last copy would read 1.00.
        var doubled = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(genuine).TrimEnd('}') + ",\"total_amount\":\"1.00\"}");
        using (var r = await Telebirr.DeliverAsync(session.Reference, doubled)) Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.DoesNotContain($"queryOrder:{session.Reference}", Telebirr.Calls); // refused before anyone asked telebirr

        // Genuinely signed by telebirr, but for another amount than the order's.
        using (var r = await Telebirr.DeliverAsync(session.Reference, Telebirr.Notification(session.Reference, amount: order.Amounts.TotalEtb - 100m)))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        // Genuine and for the right amount, but telebirr itself reports less paid: still not paid.
        Telebirr.Orders[session.Reference].PaidAmount = order.Amounts.TotalEtb - 0.01m;
        using (var r = await Telebirr.DeliverAsync(session.Reference, genuine)) Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);

        var still = await buyer.GetOrderAsync(order.Id);
        Assert.Equal("pending_payment", still.Status);
        Assert.Equal(0, await EventsAsync("payments.payment_succeeded", order.Id));
        Assert.Equal(0, await EventsAsync("payments.payment_failed", order.Id));
        Assert.Equal(0, await CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", order.Id));
        Assert.Equal(2, await ReceiptsAsync("Mismatch", order.Id));
        // The forgeries are counted, not kept: anyone can send them.
        Assert.Equal(0, await CountAsync("select count(*) from payments.webhook_receipts where \"Outcome\" = 'BadSignature' and @id is not null", order.Id));
        Assert.True(await CountAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks where \"Gateway\" = 'telebirr' and @id is not null", order.Id) >= 7);

        // The genuine notification, once telebirr's record is right, is what pays it: the refusals above were the checks.
        Telebirr.Orders[session.Reference].PaidAmount = null;
        using (var r = await Telebirr.DeliverAsync(session.Reference, genuine)) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        await buyer.OrderReachesAsync(order.Id, "paid");
    }

    [Fact]
    public async Task Telebirr_sends_the_customer_back_only_to_the_configured_storefront()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        HttpRequestMessage Pay(string returnUrl) => buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "telebirr", returnUrl });

        // The local demo's origin is not the storefront here (configured origins replace it), nor is anyone else's.
        foreach (var foreign in new[] { "http://127.0.0.1:5080/orders/1", "https://evil.example/", "javascript:alert(1)", "//evil.example/x" })
        {
            using var refused = await buyer.Orders.SendAsync(Pay(foreign));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("returnUrl", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, await CountAsync("select count(*) from payments.payments where \"OrderId\"::text = @id", order.Id));
        Assert.DoesNotContain(Telebirr.Orders.Values, o => o.RedirectUrl?.Contains("evil") == true || o.RedirectUrl?.Contains("127.0.0.1") == true);

        using var started = await buyer.Orders.SendAsync(Pay($"/orders/{order.Id}"));
        await Shop.Expect(started, HttpStatusCode.Created);
        var session = (await started.Content.ReadFromJsonAsync<AddisPay.Payments.Contracts.PaymentSession>(Buyer.Json))!;
        Assert.Equal($"{PublicBaseUrl}/orders/{order.Id}", Telebirr.Orders[session.Reference].RedirectUrl);
    }

    [Fact]
    public async Task A_lost_notification_is_settled_by_reconciliation_through_queryOrder()
    {
        var (buyer, order, sku) = await PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id, "telebirr");
        await Telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        await Task.Delay(300);
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);
        Assert.DoesNotContain($"queryOrder:{session.Reference}", Telebirr.Calls);

        using (var run = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/payments/reconciliation", token: Tokens.Admin())))
            await Shop.Expect(run, HttpStatusCode.OK);
        Assert.Contains($"queryOrder:{session.Reference}", Telebirr.Calls);
        await buyer.OrderReachesAsync(order.Id, "paid");
        Assert.Equal(1, await EventsAsync("payments.payment_succeeded", order.Id));
        Assert.Equal(1, await CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", order.Id));
        var stock = await Eventually.Until(async () =>
        {
            using var r = await Http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{sku}", token: Tokens.Admin()));
            return (await r.Content.ReadFromJsonAsync<StockView>())!;
        }, s => s.Reserved == 0, "the reservation to be committed");
        Assert.Equal((19, 0, 19), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task A_payment_telebirr_reports_failed_cancels_the_order()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id, "telebirr");
        Telebirr.Orders[session.Reference].Status = "PAY_FAILED";
        using (var r = await Telebirr.DeliverAsync(session.Reference, Telebirr.Notification(session.Reference, tradeStatus: "Failure")))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var cancelled = await buyer.OrderReachesAsync(order.Id, "cancelled");
        Assert.Equal("payment_failed", cancelled.CancellationReason);
        Assert.Equal(0, await EventsAsync("payments.payment_succeeded", order.Id));
    }

    [Fact]
    public async Task The_fabric_token_is_applied_for_once_and_again_only_when_telebirr_refuses_it()
    {
        var (buyer, order, _) = await PendingOrderAsync();
        var (other, otherOrder, _) = await PendingOrderAsync();
        var before = Telebirr.TokenCalls;
        var first = await buyer.PayAsync(order.Id, "telebirr");
        var second = await other.PayAsync(otherOrder.Id, "telebirr");
        using (var run = await Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/payments/reconciliation", token: Tokens.Admin())))
            await Shop.Expect(run, HttpStatusCode.OK); // queryOrder for both
        Assert.Contains($"queryOrder:{second.Reference}", Telebirr.Calls);
        Assert.True(Telebirr.TokenCalls - before <= 1, $"{Telebirr.TokenCalls - before} tokens applied for; one is reused until it nears expiry");

        // telebirr stops accepting the token: the adapter applies for a new one and the call still goes through.
        Telebirr.RevokeTokens();
        var revokedAt = Telebirr.TokenCalls;
        Telebirr.Orders[first.Reference].Status = "PAY_SUCCESS";
        using (var r = await Telebirr.DeliverAsync(first.Reference, Telebirr.Notification(first.Reference))) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        await buyer.OrderReachesAsync(order.Id, "paid");
        Assert.Equal(revokedAt + 1, Telebirr.TokenCalls);
        Assert.Contains("payment.queryorder: unknown or expired token", Telebirr.Refusals);
    }

    [Fact]
    public async Task Telebirr_failures_are_502s_that_change_nothing_and_the_order_stays_payable()
    {
        var (buyer, order, _) = await PendingOrderAsync();

        // preOrder refused as a business error, answered with a server error, or with something that isn't JSON.
        Telebirr.FailNext("preOrder", 200, """{"result":"FAIL","code":"60200099","msg":"Verify the sign field failed"}""");
        Telebirr.FailNext("preOrder", 500, """{"errorCode":"500","errorMsg":"Internal Server Error"}""");
        Telebirr.FailNext("preOrder", 200, "<html>gateway timeout</html>");
        foreach (var expected in new[] { "Verify the sign field failed", "Internal Server Error", "telebirr" })
        {
            using var r = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "telebirr" }));
            Assert.Equal(HttpStatusCode.BadGateway, r.StatusCode);
            Assert.Contains(expected, await r.Content.ReadAsStringAsync());
        }
        // The token expired and applying for a new one fails: a 502 too.
        Telebirr.RevokeTokens();
        Telebirr.FailNext("token", 503, """{"errorCode":"503","errorMsg":"Service Unavailable"}""");
        using (var r = await Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "telebirr" })))
        {
            Assert.Equal(HttpStatusCode.BadGateway, r.StatusCode);
            Assert.Contains("Service Unavailable", await r.Content.ReadAsStringAsync());
        }
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);

        // The order is still payable; a genuine notification whose verification fails at telebirr is a 502 (telebirr retries it).
        var session = await buyer.PayAsync(order.Id, "telebirr");
        await Telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        Telebirr.FailNext("queryOrder", 500, "{}");
        var notification = Telebirr.Notification(session.Reference);
        using (var r = await Telebirr.DeliverAsync(session.Reference, notification)) Assert.Equal(HttpStatusCode.BadGateway, r.StatusCode);
        Assert.Equal("pending_payment", (await buyer.GetOrderAsync(order.Id)).Status);
        using (var r = await Telebirr.DeliverAsync(session.Reference, notification)) Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        await buyer.OrderReachesAsync(order.Id, "paid");
    }

    private static byte[] Edit(byte[] body, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        change(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
