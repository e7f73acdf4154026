using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AddisPay.IntegrationTests.Orders;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Domain;

namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// The payment use cases (start, notification, reconciliation, refund, receipt) through the real telebirr adapter (real HTTP,
/// real RSA-PSS signing and verification) against a fake telebirr on loopback that checks every signature: the signed
/// preOrder and checkout URL, notifications that are genuine, forged, tampered, for the wrong amount or replayed, a lost
/// notification found by reconciliation, a decline, refunds, the cached fabric token, and telebirr's failures as 502s.
/// The platform has settings of its own (the fake telebirr, the storefront's public address), so its own fixture; each
/// story below is arranged once (<see cref="Platform.OnceAsync{T}"/>) and its facts assert one behaviour each.
/// </summary>
public sealed class TelebirrPaymentTests(TelebirrPaymentTests.Platform platform) : IClassFixture<TelebirrPaymentTests.Platform>
{
    public const string PublicBaseUrl = "https://shop.addispay.test";

    public sealed class Platform : IAsyncLifetime
    {
        private readonly Arrangements _once = new();

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

        /// <summary>The story <typeparamref name="T"/>, arranged the first time a fact asks for it and shared from then on.</summary>
        public Task<T> OnceAsync<T>(Func<TelebirrPaymentTests, Task<T>> arrange, TelebirrPaymentTests tests) where T : class => _once.OnceAsync(() => arrange(tests));
    }

    private readonly Shop _shop = platform.Factory.Shop();
    private HttpClient Http => _shop.Products;
    private FakeTelebirr Telebirr => platform.Telebirr;

    private Task<T> OnceAsync<T>(Func<TelebirrPaymentTests, Task<T>> arrange) where T : class => platform.OnceAsync(arrange, this);

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

    private Task<long> InvoicesAsync(Guid orderId) => CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", orderId);

    private Task<long> ReceiptsAsync(string outcome, Guid orderId) => CountAsync(
        $"select count(*) from payments.webhook_receipts where \"Outcome\" = '{outcome}' and \"Reference\" = (select \"Reference\" from payments.payments where \"OrderId\"::text = @id)", orderId);

    private Task<Answer> ReconcileAsync() => Answer.OfAsync(Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/payments/reconciliation", token: Tokens.Admin())));

    private async Task<HttpStatusCode> DeliverAsync(string reference, byte[] notification)
    {
        using var r = await Telebirr.DeliverAsync(reference, notification);
        return r.StatusCode;
    }

    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    // A telebirr payment of 1,000 (+ shipping and VAT): started, paid on telebirr's page, notified once and then four times
    // (three at once); then 100 ETB refunded, telebirr's first reply to the refund lost.

    public sealed record PaidAndRefunded(
        Buyer Buyer, OrderView Order, PaymentSession Session, FakeTelebirr.Order Telebirr, int[] RefusalsAtEachStep,
        HttpStatusCode FirstNotification, bool QueriedOnFirstNotification, HttpStatusCode[] Replays, OrderView Paid,
        Answer Refund, OrderView Refunded, JsonObject[] RefundCalls);

    private static async Task<PaidAndRefunded> PayAndRefundAsync(TelebirrPaymentTests t)
    {
        var telebirr = t.Telebirr;
        var (buyer, order, _) = await t.PendingOrderAsync(price: 1000m);
        var refusals = new List<int> { telebirr.Refusals.Count }; // other tests provoke some on purpose
        var session = await buyer.PayAsync(order.Id, "telebirr");
        refusals.Add(telebirr.Refusals.Count);
        await telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        refusals.Add(telebirr.Refusals.Count);

        var notification = telebirr.Notification(session.Reference);
        var first = await t.DeliverAsync(session.Reference, notification);
        var queried = telebirr.Calls.Contains($"queryOrder:{session.Reference}");
        var replays = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => t.DeliverAsync(session.Reference, notification)));
        var paid = await buyer.OrderReachesAsync(order.Id, "paid");

        telebirr.LoseNextRefundReply();
        var refund = await Answer.OfAsync(t.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 100m, reason = "Late delivery" }, Tokens.Admin())));
        var refunded = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 100m, "the refund confirmed");
        refusals.Add(telebirr.Refusals.Count);
        var calls = telebirr.Refunds.Where(r => r["merch_order_id"]!.GetValue<string>() == session.Reference).ToArray();
        return new(buyer, order, session, telebirr.Orders[session.Reference], refusals.ToArray(), first, queried, replays, paid, refund, refunded, calls);
    }

    private Task<PaidAndRefunded> PaidAsync() => OnceAsync(PayAndRefundAsync);

    [Fact]
    public async Task A_telebirr_payment_is_a_preOrder_for_the_orders_total_in_birr_under_the_payments_reference()
    {
        var paid = await PaidAsync();

        Assert.Matches("^[A-Za-z0-9]{1,64}$", paid.Session.Reference);
        Assert.Equal(paid.Order.Amounts.TotalEtb, paid.Telebirr.Amount);
        Assert.Equal(Money(paid.Order.Amounts.TotalEtb), paid.Telebirr.Biz["total_amount"]!.GetValue<string>());
        Assert.Equal(paid.Session.Reference, paid.Telebirr.Biz["merch_order_id"]!.GetValue<string>());
        Assert.Equal("ETB", paid.Telebirr.Biz["trans_currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task Telebirr_is_told_to_notify_the_platforms_public_webhook_address() =>
        Assert.Equal($"{PublicBaseUrl}/api/payments/webhooks/telebirr", (await PaidAsync()).Telebirr.NotifyUrl);

    [Fact]
    public async Task A_telebirr_preOrder_expires_no_later_than_payments_waits_for_its_attempt() =>
        Assert.Equal("60m", (await PaidAsync()).Telebirr.Biz["timeout_express"]!.GetValue<string>());

    [Fact]
    public async Task Telebirr_can_verify_every_signed_call_of_a_payment_and_its_refund() =>
        // Counted before the start, after the preOrder, after the customer paid at the checkout URL, after the refund.
        Assert.Single((await PaidAsync()).RefusalsAtEachStep.Distinct());

    [Fact]
    public async Task A_telebirr_checkout_url_is_telebirrs_hosted_page_for_the_preOrders_prepay_id()
    {
        var paid = await PaidAsync();

        Assert.StartsWith(Telebirr.WebBaseUrl, paid.Session.CheckoutUrl);
        Assert.Contains($"prepay_id={paid.Telebirr.PrepayId}", paid.Session.CheckoutUrl);
    }

    [Fact]
    public async Task A_verified_telebirr_notification_is_confirmed_with_telebirrs_queryOrder()
    {
        var paid = await PaidAsync();

        Assert.Equal(HttpStatusCode.OK, paid.FirstNotification);
        Assert.True(paid.QueriedOnFirstNotification, $"queryOrder:{paid.Session.Reference} was not called by the time the notification was answered");
    }

    [Fact]
    public async Task Replays_of_a_telebirr_notification_even_at_the_same_time_are_answered_200() =>
        Assert.All((await PaidAsync()).Replays, status => Assert.Equal(HttpStatusCode.OK, status));

    [Fact]
    public async Task A_telebirr_notification_that_comes_five_times_pays_the_order_once_by_telebirr()
    {
        var paid = await PaidAsync();

        Assert.Equal("telebirr", paid.Paid.Gateway);
        Assert.Equal(1, await EventsAsync("payments.payment_succeeded", paid.Order.Id));
        Assert.Equal(1, await EventsAsync("orders.order_paid", paid.Order.Id));
    }

    [Fact]
    public async Task A_telebirr_notification_that_comes_five_times_issues_one_receipt() => Assert.Equal(1, await InvoicesAsync((await PaidAsync()).Order.Id));

    [Fact]
    public async Task A_telebirr_notification_is_kept_as_accepted_once_and_its_replays_as_duplicates()
    {
        var paid = await PaidAsync();

        Assert.Equal(1, await ReceiptsAsync("Accepted", paid.Order.Id));
        Assert.Equal(4, await ReceiptsAsync("Duplicate", paid.Order.Id));
    }

    [Fact]
    public async Task A_telebirr_receipt_names_telebirr_with_its_reference_and_the_total()
    {
        var paid = await PaidAsync();

        using var receipt = await Http.SendAsync(paid.Buyer.Request(HttpMethod.Get, $"/api/payments/invoices/{paid.Order.Id}"));

        await Shop.Expect(receipt, HttpStatusCode.OK);
        var html = await receipt.Content.ReadAsStringAsync();
        Assert.Contains($"telebirr ({paid.Session.Reference})", html);
        Assert.Contains(paid.Order.Amounts.TotalEtb.ToString("N2", CultureInfo.InvariantCulture), html);
    }

    [Fact]
    public async Task A_refund_of_a_telebirr_payment_succeeds_and_the_unshipped_order_stays_paid()
    {
        var paid = await PaidAsync();

        Assert.Equal(HttpStatusCode.OK, paid.Refund.Status);
        // Not shipped yet: the goods still go out, the refunded amount kept beside the fulfilment state (Order.StatusAfterRefund).
        Assert.Equal(("paid", 100m), (paid.Refunded.Status, paid.Refunded.RefundedEtb));
        Assert.Equal("succeeded", Assert.Single(paid.Refunded.Refunds).Status);
    }

    [Fact]
    public async Task A_telebirr_refund_whose_reply_was_lost_is_retried_under_the_same_request_number_and_refunds_once()
    {
        var paid = await PaidAsync();

        Assert.Equal(2, paid.RefundCalls.Length);
        Assert.Single(paid.RefundCalls.Select(c => c["refund_request_no"]!.GetValue<string>()).Distinct()); // telebirr says REFUND_DUPLICATED
        Assert.Equal(100m, paid.Telebirr.Refunded);
    }

    [Fact]
    public async Task A_telebirr_refund_call_carries_the_amount_currency_reason_and_a_request_number()
    {
        var call = (await PaidAsync()).RefundCalls[0];

        Assert.Equal("100.00", call["actual_amount"]!.GetValue<string>());
        Assert.Equal("ETB", call["trans_currency"]!.GetValue<string>());
        Assert.Equal("Late delivery", call["refund_reason"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", call["refund_request_no"]!.GetValue<string>());
    }

    // A telebirr payment of 700 (+ shipping and VAT) the customer really paid, sent forged, tampered and mismatched
    // notifications (only the checks on the notification stand between a forgery and the order); then the genuine one.

    public sealed record NotificationsRefused(
        Buyer Buyer, OrderView Order, PaymentSession Session,
        HttpStatusCode ForgersKey, HttpStatusCode Unsigned, HttpStatusCode NotBase64, HttpStatusCode CheaperAmount, HttpStatusCode OtherStatus,
        HttpStatusCode FieldAdded, HttpStatusCode AmountTwice, bool QueriedAfterForgeries, HttpStatusCode OtherAmount, HttpStatusCode Underpaid,
        string StatusAfter, long SucceededAfter, long FailedAfter, long InvoicesAfter, long Mismatches, long ForgedKept, long ForgedCounted,
        HttpStatusCode Genuine);

    private static async Task<NotificationsRefused> RefuseNotificationsAsync(TelebirrPaymentTests t)
    {
        var telebirr = t.Telebirr;
        var (buyer, order, _) = await t.PendingOrderAsync(price: 700m);
        var session = await buyer.PayAsync(order.Id, "telebirr");
        await telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        var genuine = telebirr.Notification(session.Reference);
        Task<HttpStatusCode> Deliver(byte[] body) => t.DeliverAsync(session.Reference, body);

        using var forger = RSA.Create(2048);
        var forgersKey = await Deliver(telebirr.Notification(session.Reference, signWith: forger));
        var unsigned = await Deliver(Edit(genuine, n => n.Remove("sign")));
        var notBase64 = await Deliver(Edit(genuine, n => n["sign"] = "not a signature"));
        var cheaper = await Deliver(Edit(genuine, n => n["total_amount"] = "1.00"));
        var otherStatus = await Deliver(Edit(genuine, n => n["trade_status"] = "Failure"));
        var fieldAdded = await Deliver(Edit(genuine, n => n["callback_info"] = "extra"));
        // A second total_amount after the signed one: a parser keeping the last copy would read 1.00.
        var amountTwice = await Deliver(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(genuine).TrimEnd('}') + ",\"total_amount\":\"1.00\"}"));
        var queried = telebirr.Calls.Contains($"queryOrder:{session.Reference}");

        var otherAmount = await Deliver(telebirr.Notification(session.Reference, amount: order.Amounts.TotalEtb - 100m));
        telebirr.Orders[session.Reference].PaidAmount = order.Amounts.TotalEtb - 0.01m;
        var underpaid = await Deliver(genuine);

        var status = (await buyer.GetOrderAsync(order.Id)).Status;
        var succeeded = await t.EventsAsync("payments.payment_succeeded", order.Id);
        var failed = await t.EventsAsync("payments.payment_failed", order.Id);
        var invoices = await t.InvoicesAsync(order.Id);
        var mismatches = await t.ReceiptsAsync("Mismatch", order.Id);
        var forgedKept = await t.CountAsync("select count(*) from payments.webhook_receipts where \"Outcome\" = 'BadSignature' and @id is not null", order.Id);
        var forgedCounted = await t.CountAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks where \"Gateway\" = 'telebirr' and @id is not null", order.Id);

        telebirr.Orders[session.Reference].PaidAmount = null;
        var paid = await Deliver(genuine);
        return new(buyer, order, session, forgersKey, unsigned, notBase64, cheaper, otherStatus, fieldAdded, amountTwice, queried, otherAmount, underpaid,
            status, succeeded, failed, invoices, mismatches, forgedKept, forgedCounted, paid);
    }

    private Task<NotificationsRefused> RefusedAsync() => OnceAsync(RefuseNotificationsAsync);

    [Fact]
    public async Task A_notification_signed_with_another_key_than_telebirrs_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).ForgersKey);

    [Fact]
    public async Task A_notification_without_a_signature_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).Unsigned);

    [Fact]
    public async Task A_notification_whose_signature_is_not_base64_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).NotBase64);

    [Fact]
    public async Task A_genuine_notification_altered_to_a_cheaper_amount_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).CheaperAmount);

    [Fact]
    public async Task A_genuine_notification_altered_to_another_status_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).OtherStatus);

    [Fact]
    public async Task A_genuine_notification_with_a_field_added_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).FieldAdded);

    [Fact]
    public async Task A_genuine_notification_with_a_second_amount_after_the_signed_one_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).AmountTwice);

    [Fact]
    public async Task Forged_notifications_are_refused_before_telebirr_is_asked() => Assert.False((await RefusedAsync()).QueriedAfterForgeries);

    [Fact]
    public async Task A_genuine_notification_for_another_amount_than_the_orders_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefusedAsync()).OtherAmount);

    [Fact]
    public async Task A_genuine_notification_for_a_payment_telebirr_reports_short_of_the_total_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefusedAsync()).Underpaid);

    [Fact]
    public async Task Refused_notifications_leave_the_order_unpaid_with_no_outcome_and_no_receipt()
    {
        var refused = await RefusedAsync();

        Assert.Equal("pending_payment", refused.StatusAfter);
        Assert.Equal((0, 0, 0), (refused.SucceededAfter, refused.FailedAfter, refused.InvoicesAfter));
    }

    [Fact]
    public async Task Genuine_notifications_that_do_not_match_are_kept_as_mismatches() => Assert.Equal(2, (await RefusedAsync()).Mismatches);

    [Fact]
    public async Task Forged_notifications_are_only_counted_never_kept()
    {
        var refused = await RefusedAsync();

        Assert.Equal(0, refused.ForgedKept); // anyone can send them
        Assert.True(refused.ForgedCounted >= 7, $"{refused.ForgedCounted} unverified calls counted");
    }

    [Fact]
    public async Task The_genuine_notification_pays_the_order_once_telebirrs_record_matches()
    {
        var refused = await RefusedAsync();

        // The refusals above were the checks, not a broken payment.
        Assert.Equal(HttpStatusCode.OK, refused.Genuine);
        await refused.Buyer.OrderReachesAsync(refused.Order.Id, "paid");
    }

    // Return addresses: the local demo's origin is not the storefront here (configured origins replace it), nor is anyone else's.

    public sealed record OrderForRefusedStarts(Buyer Buyer, OrderView Order);

    [Theory]
    [InlineData("http://127.0.0.1:5080/orders/1")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/x")]
    public async Task A_return_address_outside_the_configured_storefront_is_a_400_on_returnUrl_and_starts_no_payment(string foreign)
    {
        var (buyer, order) = await OnceAsync(async t =>
        {
            var (b, o, _) = await t.PendingOrderAsync();
            return new OrderForRefusedStarts(b, o);
        });

        using var refused = await buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "telebirr", returnUrl = foreign }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("returnUrl", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync("select count(*) from payments.payments where \"OrderId\"::text = @id", order.Id));
        Assert.DoesNotContain(Telebirr.Orders.Values, o => o.RedirectUrl?.Contains("evil") == true || o.RedirectUrl?.Contains("127.0.0.1") == true);
    }

    [Fact]
    public async Task A_return_path_is_resolved_against_the_configured_storefront_and_is_where_telebirr_sends_the_customer()
    {
        var (buyer, order, _) = await PendingOrderAsync();

        using var started = await buyer.Orders.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "telebirr", returnUrl = $"/orders/{order.Id}" }));

        await Shop.Expect(started, HttpStatusCode.Created);
        var session = (await started.Content.ReadFromJsonAsync<PaymentSession>(Buyer.Json))!;
        Assert.Equal($"{PublicBaseUrl}/orders/{order.Id}", Telebirr.Orders[session.Reference].RedirectUrl);
    }

    // A telebirr payment paid on telebirr's page whose notification never came, then reconciled.

    public sealed record NotificationLost(Buyer Buyer, OrderView Order, string Sku, PaymentSession Session, string StatusBefore, bool QueriedBefore, Answer Reconciled, bool QueriedAfter);

    private static async Task<NotificationLost> LoseNotificationAsync(TelebirrPaymentTests t)
    {
        var (buyer, order, sku) = await t.PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id, "telebirr");
        await t.Telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        await Task.Delay(300);
        var before = (await buyer.GetOrderAsync(order.Id)).Status;
        var queriedBefore = t.Telebirr.Calls.Contains($"queryOrder:{session.Reference}");
        var run = await t.ReconcileAsync();
        return new(buyer, order, sku, session, before, queriedBefore, run, t.Telebirr.Calls.Contains($"queryOrder:{session.Reference}"));
    }

    private Task<NotificationLost> LostAsync() => OnceAsync(LoseNotificationAsync);

    [Fact]
    public async Task A_payment_whose_notification_was_lost_stays_unpaid_until_reconciled()
    {
        var lost = await LostAsync();

        Assert.Equal("pending_payment", lost.StatusBefore);
        Assert.False(lost.QueriedBefore);
    }

    [Fact]
    public async Task Reconciliation_asks_telebirr_with_queryOrder_and_pays_the_order_once()
    {
        var lost = await LostAsync();

        Assert.Equal(HttpStatusCode.OK, lost.Reconciled.Status);
        Assert.True(lost.QueriedAfter);
        await lost.Buyer.OrderReachesAsync(lost.Order.Id, "paid");
        Assert.Equal(1, await EventsAsync("payments.payment_succeeded", lost.Order.Id));
    }

    [Fact]
    public async Task A_payment_found_by_reconciliation_gets_one_receipt()
    {
        var lost = await LostAsync();

        await lost.Buyer.OrderReachesAsync(lost.Order.Id, "paid");
        Assert.Equal(1, await InvoicesAsync(lost.Order.Id));
    }

    [Fact]
    public async Task A_payment_found_by_reconciliation_takes_the_units_it_held()
    {
        var lost = await LostAsync();

        var stock = await Eventually.Until(async () =>
        {
            using var r = await Http.SendAsync(Shop.Request(HttpMethod.Get, $"/api/products/inventory/{lost.Sku}", token: Tokens.Admin()));
            return (await r.Content.ReadFromJsonAsync<StockView>())!;
        }, s => s.Reserved == 0, "the reservation to be committed");
        Assert.Equal((19, 0, 19), (stock.OnHand, stock.Reserved, stock.Available));
    }

    // A payment telebirr reports failed.

    public sealed record PaymentFailed(Buyer Buyer, OrderView Order, HttpStatusCode Notified, OrderView Cancelled);

    private static async Task<PaymentFailed> FailPaymentAsync(TelebirrPaymentTests t)
    {
        var (buyer, order, _) = await t.PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id, "telebirr");
        t.Telebirr.Orders[session.Reference].Status = "PAY_FAILED";
        var notified = await t.DeliverAsync(session.Reference, t.Telebirr.Notification(session.Reference, tradeStatus: "Failure"));
        return new(buyer, order, notified, await buyer.OrderReachesAsync(order.Id, "cancelled"));
    }

    [Fact]
    public async Task A_payment_telebirr_reports_failed_cancels_the_order_as_payment_failed()
    {
        var failed = await OnceAsync(FailPaymentAsync);

        Assert.Equal(HttpStatusCode.OK, failed.Notified);
        Assert.Equal("payment_failed", failed.Cancelled.CancellationReason);
    }

    [Fact]
    public async Task A_payment_telebirr_reports_failed_announces_no_success() =>
        Assert.Equal(0, await EventsAsync("payments.payment_succeeded", (await OnceAsync(FailPaymentAsync)).Order.Id));

    // The fabric token: two payments started and reconciled on one token; then telebirr stops accepting it and a notification comes.

    public sealed record FabricTokens(PaymentSession Second, int TokensForTwoPayments, Answer Reconciled, HttpStatusCode NotifiedAfterRevoking, int TokensAfterRevoking, Buyer Buyer, OrderView Order);

    private static async Task<FabricTokens> UseTokensAsync(TelebirrPaymentTests t)
    {
        var telebirr = t.Telebirr;
        var (buyer, order, _) = await t.PendingOrderAsync();
        var (other, otherOrder, _) = await t.PendingOrderAsync();
        var before = telebirr.TokenCalls;
        var first = await buyer.PayAsync(order.Id, "telebirr");
        var second = await other.PayAsync(otherOrder.Id, "telebirr");
        var run = await t.ReconcileAsync(); // queryOrder for both
        var forTwo = telebirr.TokenCalls - before;

        telebirr.RevokeTokens();
        var revokedAt = telebirr.TokenCalls;
        telebirr.Orders[first.Reference].Status = "PAY_SUCCESS";
        var notified = await t.DeliverAsync(first.Reference, telebirr.Notification(first.Reference));
        await buyer.OrderReachesAsync(order.Id, "paid");
        return new(second, forTwo, run, notified, telebirr.TokenCalls - revokedAt, buyer, order);
    }

    [Fact]
    public async Task The_fabric_token_is_applied_for_once_and_reused_for_later_calls()
    {
        var tokens = await OnceAsync(UseTokensAsync);

        Assert.Equal(HttpStatusCode.OK, tokens.Reconciled.Status);
        Assert.Contains($"queryOrder:{tokens.Second.Reference}", Telebirr.Calls);
        Assert.True(tokens.TokensForTwoPayments <= 1, $"{tokens.TokensForTwoPayments} tokens applied for; one is reused until it nears expiry");
    }

    [Fact]
    public async Task A_fabric_token_telebirr_refuses_is_applied_for_again_and_the_call_goes_through()
    {
        var tokens = await OnceAsync(UseTokensAsync);

        Assert.Equal(HttpStatusCode.OK, tokens.NotifiedAfterRevoking);
        Assert.Equal(1, tokens.TokensAfterRevoking);
        Assert.Contains("payment.queryorder: unknown or expired token", Telebirr.Refusals);
    }

    // telebirr failing: three preOrders refused (a business error, a server error, not JSON), a token renewal failing; then a
    // payment started, paid, and its notification's queryOrder failing once.

    public sealed record Failures(Buyer Buyer, OrderView Order, Answer[] PreOrders, Answer TokenRenewal, string StatusAfterStarts, HttpStatusCode QueryFailed, string StatusAfterQueryFailed, HttpStatusCode Retried);

    private static async Task<Failures> FailAsync(TelebirrPaymentTests t)
    {
        var telebirr = t.Telebirr;
        var (buyer, order, _) = await t.PendingOrderAsync();
        Task<Answer> Start() => Answer.OfAsync(t.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "telebirr" })));

        telebirr.FailNext("preOrder", 200, """{"result":"FAIL","code":"60200099","msg":"Verify the sign field failed"}""");
        telebirr.FailNext("preOrder", 500, """{"errorCode":"500","errorMsg":"Internal Server Error"}""");
        telebirr.FailNext("preOrder", 200, "<html>gateway timeout</html>");
        var preOrders = new[] { await Start(), await Start(), await Start() };
        telebirr.RevokeTokens();
        telebirr.FailNext("token", 503, """{"errorCode":"503","errorMsg":"Service Unavailable"}""");
        var token = await Start();
        var statusAfterStarts = (await buyer.GetOrderAsync(order.Id)).Status;

        var session = await buyer.PayAsync(order.Id, "telebirr");
        await telebirr.PayThroughCheckoutAsync(session.CheckoutUrl);
        telebirr.FailNext("queryOrder", 500, "{}");
        var notification = telebirr.Notification(session.Reference);
        var queryFailed = await t.DeliverAsync(session.Reference, notification);
        var statusAfterQuery = (await buyer.GetOrderAsync(order.Id)).Status;
        return new(buyer, order, preOrders, token, statusAfterStarts, queryFailed, statusAfterQuery, await t.DeliverAsync(session.Reference, notification));
    }

    private Task<Failures> FailuresAsync() => OnceAsync(FailAsync);

    [Theory]
    [InlineData(0, "Verify the sign field failed")] // a business error
    [InlineData(1, "Internal Server Error")] // a server error
    [InlineData(2, "telebirr")] // an answer that isn't JSON
    public async Task A_preOrder_telebirr_refuses_or_fails_is_a_502_saying_why(int attempt, string expected)
    {
        var preOrder = (await FailuresAsync()).PreOrders[attempt];

        Assert.Equal(HttpStatusCode.BadGateway, preOrder.Status);
        Assert.Contains(expected, preOrder.Body);
    }

    [Fact]
    public async Task An_expired_token_telebirr_fails_to_renew_is_a_502_saying_why()
    {
        var token = (await FailuresAsync()).TokenRenewal;

        Assert.Equal(HttpStatusCode.BadGateway, token.Status);
        Assert.Contains("Service Unavailable", token.Body);
    }

    [Fact]
    public async Task Starts_telebirr_failed_leave_the_order_payable() =>
        Assert.Equal("pending_payment", (await FailuresAsync()).StatusAfterStarts); // and the start after them opened its payment

    [Fact]
    public async Task A_genuine_notification_telebirr_fails_to_confirm_is_a_502_that_changes_nothing()
    {
        var failures = await FailuresAsync();

        Assert.Equal(HttpStatusCode.BadGateway, failures.QueryFailed); // telebirr retries it
        Assert.Equal("pending_payment", failures.StatusAfterQueryFailed);
    }

    [Fact]
    public async Task A_notification_telebirr_retries_after_a_502_pays_the_order()
    {
        var failures = await FailuresAsync();

        Assert.Equal(HttpStatusCode.OK, failures.Retried);
        await failures.Buyer.OrderReachesAsync(failures.Order.Id, "paid");
    }

    private static byte[] Edit(byte[] body, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        change(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }
}
