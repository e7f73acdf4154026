using System.Text.Json.Nodes;
using AddisPay.Orders.Domain;
using AddisPay.Payments.Contracts;
using AddisPay.Payments.Domain;
using AddisPay.Products.Domain;
using Npgsql;

namespace AddisPay.IntegrationTests.Payments;

// The arrangements several facts share on PaymentsPlatform (PaymentsPlatform.OnceAsync): each runs one story once and records
// what its facts assert, where a later step would change it; what no later step changes the facts read themselves.

/// <summary>A Chapa payment of 1,000 (+ shipping and VAT): started, Chapa confirms, its webhook comes once and then three times at once; then staff refund 100 ETB.</summary>
public sealed record ChapaPaymentRefunded(
    Buyer Buyer, OrderView Order, PaymentSession Session, FakeChapa.Transaction Transaction,
    HttpStatusCode FirstWebhook, bool VerifiedOnFirstWebhook, HttpStatusCode[] Replays, HttpStatusCode Refund, OrderView Refunded, JsonObject[] RefundCalls)
{
    public static async Task<ChapaPaymentRefunded> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PendingOrderAsync(price: 1000m);
        var session = await buyer.PayAsync(order.Id, "chapa");
        var tx = shop.Chapa.Transactions[session.Reference];

        tx.Status = "success";
        var (body, signature) = shop.Chapa.Webhook(session.Reference);
        HttpStatusCode first;
        using (var r = await shop.Http.SendAsync(FakeChapa.WebhookRequest(body, signature))) first = r.StatusCode;
        var verified = shop.Chapa.Calls.Contains($"verify:{session.Reference}");
        var replays = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => shop.Http.SendAsync(FakeChapa.WebhookRequest(body, signature))));
        await buyer.OrderReachesAsync(order.Id, "paid");

        HttpStatusCode refund;
        using (var r = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/orders/{order.Id}/refunds", new { amountEtb = 100m, reason = "Late delivery" }, Tokens.Admin())))
            refund = r.StatusCode;
        var refunded = await Eventually.Until(() => buyer.GetOrderAsync(order.Id), o => o.RefundedEtb == 100m, "the refund confirmed");
        var calls = shop.Chapa.Refunds.Where(r => r["reason"]!.GetValue<string>() == "Late delivery").ToArray();
        return new(buyer, order, session, tx, first, verified, replays.Select(r => r.StatusCode).ToArray(), refund, refunded, calls);
    }
}

/// <summary>
/// A Chapa payment the customer has not completed, sent webhooks that are forged (no signature, a wrong one, another
/// secret's, a signed body altered), signed for another amount, signed while Chapa says incomplete, signed while Chapa says
/// paid but less than the total, and for an unknown reference.
/// </summary>
public sealed record ChapaWebhooksRefused(
    Buyer Buyer, OrderView Order, string Sku, PaymentSession Session,
    HttpStatusCode Unsigned, HttpStatusCode WrongSignature, HttpStatusCode OtherSecret, HttpStatusCode Tampered,
    HttpStatusCode OtherAmount, HttpStatusCode NotComplete, HttpStatusCode Underpaid, HttpStatusCode UnknownReference,
    string StatusAfter, long ReservedAfter, long SucceededAfter, long FailedAfter, long SignedKept, long ForgedKept, long ForgedCounted)
{
    public static async Task<ChapaWebhooksRefused> ArrangeAsync(PaymentShop shop)
    {
        var chapa = shop.Chapa;
        var (buyer, order, sku) = await shop.PendingOrderAsync(price: 700m);
        var session = await buyer.PayAsync(order.Id, "chapa");
        var (body, signature) = chapa.Webhook(session.Reference);
        async Task<HttpStatusCode> SendAsync(byte[] b, string? s)
        {
            using var r = await shop.Http.SendAsync(FakeChapa.WebhookRequest(b, s));
            return r.StatusCode;
        }

        var unsigned = await SendAsync(body, null);
        var wrong = await SendAsync(body, new string('0', 64));
        var (_, otherSecret) = chapa.Webhook(session.Reference, secret: "guessed-secret");
        var other = await SendAsync(body, otherSecret);
        var tampered = await SendAsync(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("\"status\":\"success\"", "\"status\":\"success\" ")), signature);
        var (cheap, cheapSignature) = chapa.Webhook(session.Reference, amount: 1m);
        var otherAmount = await SendAsync(cheap, cheapSignature);
        var notComplete = await SendAsync(body, signature);
        chapa.Transactions[session.Reference].Status = "success";
        chapa.Transactions[session.Reference].PaidAmount = order.Amounts.TotalEtb - 0.01m;
        var underpaid = await SendAsync(body, signature);
        chapa.Transactions.TryAdd("AP999999-deadbeef", new FakeChapa.Transaction("AP999999-deadbeef", 5m, "ETB", "x@example.et", new()));
        var (unknown, unknownSignature) = chapa.Webhook("AP999999-deadbeef");
        var unknownReference = await SendAsync(unknown, unknownSignature);
        // What the refusals left, read now: reconciliation, which another class runs, would settle this payment with Chapa.
        return new(buyer, order, sku, session, unsigned, wrong, other, tampered, otherAmount, notComplete, underpaid, unknownReference,
            (await buyer.GetOrderAsync(order.Id)).Status, (await shop.StockAsync(sku)).Reserved,
            await shop.EventsAsync("payments.payment_succeeded", order.Id), await shop.EventsAsync("payments.payment_failed", order.Id),
            await shop.CountAsync("select count(*) from payments.webhook_receipts where \"Reference\" = (select \"Reference\" from payments.payments where \"OrderId\"::text = @id)", order.Id),
            await shop.CountAsync("select count(*) from payments.webhook_receipts where \"Outcome\" = 'BadSignature' and @id is not null", order.Id),
            await shop.CountAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks where \"Gateway\" = 'chapa' and @id is not null", order.Id));
    }
}

/// <summary>
/// 500 anonymous webhook calls (unsigned, wrongly signed, to gateways that don't exist, each with its own marked body) at
/// a Chapa payment's reference, then Chapa's signed webhook and two replays of it.
/// </summary>
public sealed record ChapaWebhookFlood(
    Buyer Buyer, OrderView Order, PaymentSession Session, string Marker, byte[] Body,
    HttpStatusCode[] Forged, long ReceiptsBefore, long ReceiptsAfterFlood, long CountedBefore, long CountedAfterFlood, long CountRowsAfterFlood,
    long AttemptsAfterFlood, string StatusAfterFlood, HttpStatusCode Genuine, HttpStatusCode[] Replays)
{
    public const int Calls = 500;

    public static async Task<ChapaWebhookFlood> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PendingOrderAsync(price: 650m);
        var session = await buyer.PayAsync(order.Id, "chapa");
        var marker = $"flood-{Guid.NewGuid():N}";
        var receiptsBefore = await shop.ScalarAsync("select count(*) from payments.webhook_receipts");
        var countedBefore = await shop.ScalarAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks");

        HttpRequestMessage Forged(int i)
        {
            var body = System.Text.Encoding.UTF8.GetBytes($$"""{"tx_ref":"{{session.Reference}}","status":"success","note":"{{marker}}-{{i}}"}""");
            return (i % 3) switch
            {
                0 => FakeChapa.WebhookRequest(body, null),
                1 => FakeChapa.WebhookRequest(body, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))),
                _ => new HttpRequestMessage(HttpMethod.Post, $"/api/payments/webhooks/{marker}-{i}") { Content = new ByteArrayContent(body) }
            };
        }
        var forged = new List<HttpStatusCode>();
        for (var batch = 0; batch < Calls; batch += 25)
        {
            var replies = await Task.WhenAll(Enumerable.Range(batch, 25).Select(i => shop.Http.SendAsync(Forged(i))));
            forged.AddRange(replies.Select(r => r.StatusCode));
            foreach (var r in replies) r.Dispose();
        }
        var receiptsAfter = await shop.ScalarAsync("select count(*) from payments.webhook_receipts");
        var countedAfter = await shop.ScalarAsync("select coalesce(sum(\"Calls\"), 0)::bigint from payments.unverified_webhooks");
        var rows = await shop.ScalarAsync("select count(*) from payments.unverified_webhooks");
        var attempts = await shop.AttemptsAsync(order.Id);
        var status = (await buyer.GetOrderAsync(order.Id)).Status;

        shop.Chapa.Transactions[session.Reference].Status = "success";
        var (signed, signature) = shop.Chapa.Webhook(session.Reference);
        HttpStatusCode genuine;
        using (var r = await shop.Http.SendAsync(FakeChapa.WebhookRequest(signed, signature))) genuine = r.StatusCode;
        var replays = new List<HttpStatusCode>();
        foreach (var _ in Enumerable.Range(0, 2))
            using (var replay = await shop.Http.SendAsync(FakeChapa.WebhookRequest(signed, signature))) replays.Add(replay.StatusCode);
        return new(buyer, order, session, marker, signed, forged.ToArray(), receiptsBefore, receiptsAfter, countedBefore, countedAfter, rows, attempts, status, genuine, replays.ToArray());
    }
}

/// <summary>An order paid on the sandbox's page (2 × 1,000): read, never changed, by the facts that share it.</summary>
public sealed record SandboxPaidOrder(Buyer Buyer, OrderView Order, PaymentSession Session)
{
    public static async Task<SandboxPaidOrder> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, session) = await shop.PaidOrderAsync();
        return new(buyer, order, session);
    }
}

/// <summary>An order (3 units held) whose payment the customer declines on the sandbox's page, then tries to pay again.</summary>
public sealed record SandboxPaymentDeclined(Buyer Buyer, OrderView Order, string Sku, StockView HeldAtOrder, HttpStatusCode Declined, OrderView Cancelled, StockView Released, HttpStatusCode PayAgain)
{
    public static async Task<SandboxPaymentDeclined> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, sku) = await shop.PendingOrderAsync(quantity: 3);
        var held = await shop.StockAsync(sku);
        var session = await buyer.PayAsync(order.Id);
        HttpStatusCode declined;
        using (var r = await buyer.OnSandboxPageAsync(session, "failure")) declined = r.StatusCode;
        var cancelled = await buyer.OrderReachesAsync(order.Id, "cancelled");
        var released = await Eventually.Until(() => shop.StockAsync(sku), s => s.Reserved == 0, "the held stock to be released");
        using var again = await shop.Http.SendAsync(buyer.Request(HttpMethod.Post, $"/api/orders/{order.Id}/payments", new { gateway = "sandbox" }));
        return new(buyer, order, sku, held, declined, cancelled, released, again.StatusCode);
    }
}

/// <summary>An order paid on the sandbox's page whose webhook never came ("delayed"), then reconciled: by a customer (refused), by staff.</summary>
public sealed record SandboxWebhookLost(Buyer Buyer, OrderView Order, string Sku, HttpStatusCode Delayed, string StatusBeforeReconciling, HttpStatusCode ByCustomer, HttpStatusCode ByStaff)
{
    public static async Task<SandboxWebhookLost> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, sku) = await shop.PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id);
        HttpStatusCode delayed;
        using (var r = await buyer.OnSandboxPageAsync(session, "delayed")) delayed = r.StatusCode;
        await Task.Delay(300);
        var before = (await buyer.GetOrderAsync(order.Id)).Status;
        HttpStatusCode byCustomer, byStaff;
        using (var r = await shop.Http.SendAsync(buyer.Request(HttpMethod.Post, "/api/payments/reconciliation"))) byCustomer = r.StatusCode;
        using (var r = await shop.Http.SendAsync(Shop.Request(HttpMethod.Post, "/api/payments/reconciliation", token: Tokens.Admin()))) byStaff = r.StatusCode;
        return new(buyer, order, sku, delayed, before, byCustomer, byStaff);
    }
}

/// <summary>An order paid with the sandbox whose customer is sent back to a storefront address of their choosing.</summary>
public sealed record SandboxPaidWithReturnAddress(Buyer Buyer, OrderView Order, PaymentSession Session, HttpStatusCode Page, string? Location)
{
    public static async Task<SandboxPaidWithReturnAddress> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PendingOrderAsync();
        using var started = await buyer.Orders.SendAsync(PaymentShop.PayRequest(buyer, order.Id, "sandbox", "http://localhost:5080/thanks"));
        await Shop.Expect(started, HttpStatusCode.Created);
        var session = (await started.Content.ReadFromJsonAsync<PaymentSession>(Buyer.Json))!;
        using var browser = shop.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var paid = await browser.PostAsync(new Uri(session.CheckoutUrl).PathAndQuery, new FormUrlEncodedContent([new("outcome", "success")]));
        return new(buyer, order, session, paid.StatusCode, paid.Headers.Location?.OriginalString);
    }
}

/// <summary>Hourly counts of unverified webhooks 8 days old (past the 7 days kept) and 6 days old, then reconciliation's clean-up.</summary>
public sealed record UnverifiedWebhookCountsAged(DateTimeOffset Recent, int Forgotten)
{
    public static async Task<UnverifiedWebhookCountsAged> ArrangeAsync(PaymentShop shop)
    {
        var now = DateTimeOffset.UtcNow;
        var old = AddisPay.Payments.Data.UnverifiedWebhooks.HourOf(now - TimeSpan.FromDays(8));
        var recent = AddisPay.Payments.Data.UnverifiedWebhooks.HourOf(now - TimeSpan.FromDays(6));
        await using (var conn = new NpgsqlConnection(shop.Factory.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                insert into payments.unverified_webhooks ("Gateway", "Hour", "Calls") values ('sandbox', @old, 40), ('sandbox', @recent, 7)
                on conflict do nothing
                """, conn);
            cmd.Parameters.AddWithValue("old", old);
            cmd.Parameters.AddWithValue("recent", recent);
            await cmd.ExecuteNonQueryAsync();
        }
        var reconciliation = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<AddisPay.Payments.ReconcilePayments.PaymentReconciliation>(shop.Factory.Services);
        return new(recent, await reconciliation.ForgetExpiredUnverifiedWebhooksAsync(CancellationToken.None));
    }
}

/// <summary>
/// A sandbox payment nobody confirmed, listed for staff, settled by hand as succeeded (with the gateway's reference) and
/// then settled again the same way.
/// </summary>
public sealed record PaymentSettledByHandAsSucceeded(
    Buyer Buyer, OrderView Order, PaymentSession Session, PaymentNeedingAttention? ListedBefore,
    HttpStatusCode Settled, bool SettledAlready, HttpStatusCode Repeated, bool RepeatedAlready, bool ListedAfter)
{
    public static async Task<PaymentSettledByHandAsSucceeded> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PendingOrderAsync(price: 700m);
        var session = await buyer.PayAsync(order.Id);
        var listed = (await AttentionAsync(shop)).Payments.SingleOrDefault(p => p.PaymentId == session.PaymentId);
        using var settled = await SettleAsync(shop, session.PaymentId, new { outcome = "succeeded", gatewayReference = "SBX-BY-HAND-1", note = "Seen on the dashboard" });
        var settledAlready = settled.IsSuccessStatusCode && (await settled.Content.ReadFromJsonAsync<PaymentSettledByHand>())!.AlreadySettled;
        using var repeated = await SettleAsync(shop, session.PaymentId, new { outcome = "succeeded", gatewayReference = "SBX-BY-HAND-1" });
        var repeatedAlready = repeated.IsSuccessStatusCode && (await repeated.Content.ReadFromJsonAsync<PaymentSettledByHand>())!.AlreadySettled;
        await buyer.OrderReachesAsync(order.Id, "paid");
        var listedAfter = (await AttentionAsync(shop)).Payments.Any(p => p.PaymentId == session.PaymentId);
        return new(buyer, order, session, listed, settled.StatusCode, settledAlready, repeated.StatusCode, repeatedAlready, listedAfter);
    }

    public static Task<HttpResponseMessage> SettleAsync(PaymentShop shop, Guid paymentId, object body, string? token = null) =>
        shop.Http.SendAsync(Shop.Request(HttpMethod.Post, $"/api/payments/{paymentId}/settle", body, token ?? Tokens.Admin()));

    public static async Task<PaymentsNeedingAttention> AttentionAsync(PaymentShop shop)
    {
        using var response = await shop.Http.SendAsync(Shop.Request(HttpMethod.Get, "/api/payments/attention?pageSize=200", token: Tokens.Admin()));
        await Shop.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PaymentsNeedingAttention>())!;
    }
}

/// <summary>A sandbox payment nobody confirmed, settled by hand as failed.</summary>
public sealed record PaymentSettledByHandAsFailed(Buyer Buyer, OrderView Order, HttpStatusCode Settled, OrderView Cancelled)
{
    public static async Task<PaymentSettledByHandAsFailed> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id);
        using var settled = await PaymentSettledByHandAsSucceeded.SettleAsync(shop, session.PaymentId, new { outcome = "failed", note = "Chapa support: never paid" });
        return new(buyer, order, settled.StatusCode, await buyer.OrderReachesAsync(order.Id, "cancelled"));
    }
}

/// <summary>
/// Settlements by hand that are refused, for a payment nobody confirmed: by its customer, a success without the gateway's
/// reference, and an unknown payment; and the list of such payments asked for by a customer.
/// </summary>
public sealed record SettlementsRefused(Buyer Buyer, OrderView Order, HttpStatusCode ByCustomer, HttpStatusCode AttentionByCustomer,
    HttpStatusCode NoReference, string NoReferenceProblem, HttpStatusCode UnknownPayment, string StatusAfter)
{
    public static async Task<SettlementsRefused> ArrangeAsync(PaymentShop shop)
    {
        var (buyer, order, _) = await shop.PendingOrderAsync();
        var session = await buyer.PayAsync(order.Id);
        using var customer = await PaymentSettledByHandAsSucceeded.SettleAsync(shop, session.PaymentId, new { outcome = "succeeded", gatewayReference = "X" }, buyer.Token);
        using var attention = await shop.Http.SendAsync(Shop.Request(HttpMethod.Get, "/api/payments/attention", token: buyer.Token));
        using var noReference = await PaymentSettledByHandAsSucceeded.SettleAsync(shop, session.PaymentId, new { outcome = "succeeded" });
        using var unknown = await PaymentSettledByHandAsSucceeded.SettleAsync(shop, Guid.NewGuid(), new { outcome = "failed" });
        return new(buyer, order, customer.StatusCode, attention.StatusCode, noReference.StatusCode, await noReference.Content.ReadAsStringAsync(),
            unknown.StatusCode, (await buyer.GetOrderAsync(order.Id)).Status);
    }
}
