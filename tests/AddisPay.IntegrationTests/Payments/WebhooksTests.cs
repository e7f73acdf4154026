namespace AddisPay.IntegrationTests.Payments;

/// <summary>
/// Gateways' webhooks: a signed one is verified with the gateway and settles its payment once however often it comes;
/// forged, altered, mismatched and premature ones are refused and change nothing; unverified calls are only counted.
/// </summary>
[Collection(PaymentsPlatform.Collection)]
public sealed class WebhooksTests(PaymentsPlatform platform)
{
    private readonly PaymentShop _shop = new(platform);

    private Task<ChapaPaymentRefunded> PaidAsync() => platform.OnceAsync(ChapaPaymentRefunded.ArrangeAsync);
    private Task<ChapaWebhooksRefused> RefusedAsync() => platform.OnceAsync(ChapaWebhooksRefused.ArrangeAsync);
    private Task<ChapaWebhookFlood> FloodAsync() => platform.OnceAsync(ChapaWebhookFlood.ArrangeAsync);

    [Fact]
    public async Task A_signed_chapa_webhook_is_verified_with_chapa_before_anything_is_paid()
    {
        var paid = await PaidAsync();

        Assert.Equal(HttpStatusCode.OK, paid.FirstWebhook);
        Assert.True(paid.VerifiedOnFirstWebhook, $"verify:{paid.Session.Reference} was not called by the time the first webhook was answered"); // never paid on the webhook's word alone
    }

    [Fact]
    public async Task Replays_of_a_chapa_webhook_even_at_the_same_time_are_answered_200() =>
        Assert.All((await PaidAsync()).Replays, status => Assert.Equal(HttpStatusCode.OK, status));

    [Fact]
    public async Task A_chapa_webhook_that_comes_four_times_pays_the_order_once()
    {
        var paid = await PaidAsync();

        Assert.Equal(1, await _shop.EventsAsync("payments.payment_succeeded", paid.Order.Id));
        Assert.Equal(1, await _shop.EventsAsync("orders.order_paid", paid.Order.Id));
    }

    [Fact]
    public async Task A_chapa_webhook_that_comes_four_times_issues_one_receipt()
    {
        var paid = await PaidAsync();

        Assert.Equal(1, await _shop.CountAsync("select count(*) from payments.invoices where \"OrderId\"::text = @id", paid.Order.Id));
    }

    [Fact]
    public async Task A_chapa_webhook_without_a_signature_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).Unsigned);

    [Fact]
    public async Task A_chapa_webhook_with_a_wrong_signature_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).WrongSignature);

    [Fact]
    public async Task A_chapa_webhook_signed_with_another_secret_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).OtherSecret);

    [Fact]
    public async Task A_chapa_webhook_altered_after_it_was_signed_is_a_401() => Assert.Equal(HttpStatusCode.Unauthorized, (await RefusedAsync()).Tampered);

    [Fact]
    public async Task A_signed_chapa_webhook_for_another_amount_than_the_orders_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefusedAsync()).OtherAmount);

    [Fact]
    public async Task A_signed_chapa_webhook_for_a_payment_chapa_says_is_not_complete_is_answered_200() => Assert.Equal(HttpStatusCode.OK, (await RefusedAsync()).NotComplete);

    [Fact]
    public async Task A_signed_chapa_webhook_for_a_payment_chapa_says_paid_short_of_the_total_is_a_422() => Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RefusedAsync()).Underpaid);

    [Fact]
    public async Task A_signed_chapa_webhook_for_an_unknown_reference_is_a_404() => Assert.Equal(HttpStatusCode.NotFound, (await RefusedAsync()).UnknownReference);

    [Fact]
    public async Task Refused_and_premature_webhooks_leave_the_order_waiting_for_payment_with_its_stock_held()
    {
        var refused = await RefusedAsync();

        Assert.Equal("pending_payment", refused.StatusAfter);
        Assert.Equal(1, refused.ReservedAfter);
    }

    [Fact]
    public async Task Refused_and_premature_webhooks_announce_no_payment_outcome()
    {
        var refused = await RefusedAsync();

        Assert.Equal(0, refused.SucceededAfter);
        Assert.Equal(0, refused.FailedAfter);
    }

    [Fact]
    public async Task Signed_webhooks_are_kept_with_their_verdicts() => Assert.Equal(3, (await RefusedAsync()).SignedKept);

    [Fact]
    public async Task Forged_webhooks_are_only_counted_never_kept()
    {
        var refused = await RefusedAsync();

        Assert.Equal(0, refused.ForgedKept);
        Assert.True(refused.ForgedCounted >= 4, $"{refused.ForgedCounted} unverified calls counted");
    }

    [Fact]
    public async Task A_flood_of_unsigned_wrongly_signed_and_unknown_gateway_webhooks_is_answered_401_or_404() =>
        Assert.All((await FloodAsync()).Forged, status => Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, status.ToString()));

    [Fact]
    public async Task A_flood_of_unverified_webhooks_keeps_no_receipt()
    {
        var flood = await FloodAsync();

        Assert.Equal(flood.ReceiptsBefore, flood.ReceiptsAfterFlood);
    }

    [Fact]
    public async Task A_flood_of_unverified_webhooks_is_counted_call_by_call()
    {
        var flood = await FloodAsync();

        Assert.Equal(flood.CountedBefore + ChapaWebhookFlood.Calls, flood.CountedAfterFlood);
    }

    [Fact]
    public async Task Unverified_webhooks_are_counted_in_one_row_per_gateway_and_hour()
    {
        var flood = await FloodAsync();

        // At most one row per gateway (ours, or "unknown") and hour: two hours if the flood straddled one.
        Assert.True(flood.CountRowsAfterFlood <= 2 * 4, $"{flood.CountRowsAfterFlood} rows");
    }

    [Fact]
    public async Task Nothing_of_an_unverified_webhooks_body_is_kept()
    {
        var flood = await FloodAsync();

        Assert.Equal(0, await _shop.ScalarAsync($"select count(*) from payments.unverified_webhooks u where u::text like '%{flood.Marker}%'"));
        Assert.Equal(0, await _shop.ScalarAsync($"select count(*) from payments.webhook_receipts r where r::text like '%{flood.Marker}%'"));
    }

    [Fact]
    public async Task A_flood_of_unverified_webhooks_leaves_the_payment_open_and_the_order_unpaid()
    {
        var flood = await FloodAsync();

        Assert.Equal(1, flood.AttemptsAfterFlood); // the one attempt, still open
        Assert.Equal("pending_payment", flood.StatusAfterFlood);
    }

    [Fact]
    public async Task A_signed_webhook_after_a_flood_pays_the_order_once()
    {
        var flood = await FloodAsync();

        Assert.Equal(HttpStatusCode.OK, flood.Genuine);
        Assert.All(flood.Replays, status => Assert.Equal(HttpStatusCode.OK, status));
        await flood.Buyer.OrderReachesAsync(flood.Order.Id, "paid");
        Assert.Equal(1, await _shop.EventsAsync("payments.payment_succeeded", flood.Order.Id));
    }

    [Fact]
    public async Task A_signed_webhook_is_kept_in_full_as_accepted_with_its_bodys_hash()
    {
        var flood = await FloodAsync();

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(flood.Body));
        Assert.Equal(1, await _shop.ScalarAsync($"select count(*) from payments.webhook_receipts where \"Gateway\" = 'chapa' and \"Reference\" = '{flood.Session.Reference}' and \"BodySha256\" = '{hash}' and \"Outcome\" = 'Accepted'"));
    }

    [Fact]
    public async Task Replays_of_a_signed_webhook_are_kept_as_duplicates_that_settle_nothing()
    {
        var flood = await FloodAsync();

        Assert.Equal(2, await _shop.ScalarAsync($"select count(*) from payments.webhook_receipts where \"Reference\" = '{flood.Session.Reference}' and \"Outcome\" = 'Duplicate'"));
    }
}
