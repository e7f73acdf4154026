using AddisPay.Notifications.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// Orders' and Payments' events in, one email and one SMS per event and customer out, in the customer's language and by
/// their choice, once even when an event is delivered twice. Each arrangement is published once; its facts check one
/// behaviour each.
/// </summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class OrderUpdatesTests(NotificationsPlatform platform)
{
    /// <summary>Every order and payment event of one order, published twice with the same ids (a redelivery).</summary>
    private sealed record EveryEvent(Customer Customer, Guid OrderId, string Number, int Events, IReadOnlyList<ReceivedEmail> Emails,
        IReadOnlyList<ReceivedSms> Sms, IReadOnlyList<MessageView> Log, int Relayed);

    private Task<EveryEvent> EveryEventAsync() => platform.ArrangedAsync(async p =>
    {
        var customer = await p.CustomerAsync("en");
        var orderId = Guid.NewGuid();
        var number = OrderNumber();
        var events = new AddisPay.Shared.Contracts.IntegrationEvent[]
        {
            new OrderPlaced(orderId, number, customer.Id, null, [Coffee], new OrderAmounts(900m, 0m, 100m, 150m, 1150m), null, DateTimeOffset.UtcNow.AddHours(1)),
            new PaymentFailed(Guid.NewGuid(), orderId, customer.Id, Gateways.Chapa, "CH-1", "insufficient funds"),
            new OrderPaid(orderId, number, customer.Id, [Coffee], 1150m, Gateways.Chapa, "CH-2"),
            new OrderShipped(orderId, number, customer.Id, "Ethiopian Postal Service", "EPS123456789ET"),
            new OrderDelivered(orderId, number, customer.Id, [Coffee]),
            new OrderCancelled(orderId, number, customer.Id, OrderCancelled.ByAdmin, WasPaid: true),
            new OrderRefunded(orderId, number, customer.Id, 1150m, 1150m, Full: true),
        };
        await p.PublishAsync(events);
        await p.PublishAsync(events); // the same events again, with the same ids: a redelivery

        var emails = await p.EmailsAsync(customer.Email, 1 + events.Length); // the verification email, then one per event
        var sms = await Eventually.Until(() => Task.FromResult(p.Sms.To(customer.Phone!)), s => s.Count >= events.Length, "one SMS per event");
        // Once the inbox has seen the redelivered copies, the log still holds one message per event and channel.
        await p.WaitForInboxAsync();
        var log = (await p.LogAsync(customer.Email)).Concat(await p.LogAsync(customer.Phone!)).ToList();
        var relayed = (await p.Smtp.MessagesToAsync(customer.Email)).Count;
        return new EveryEvent(customer, orderId, number, events.Length, emails, sms, log, relayed);
    });

    [Fact]
    public async Task Every_order_and_payment_event_sends_one_email_even_when_delivered_twice()
    {
        var run = await EveryEventAsync();
        var number = run.Number;
        string[] expected =
        [
            $"We received your order {number}", $"Payment for order {number} did not go through", $"Payment received for order {number}",
            $"Your order {number} is on its way", $"Your order {number} has been delivered", $"Your order {number} was cancelled",
            $"Refund of 1,150.00 ETB for order {number}",
        ];
        Assert.Equal(expected.Order(), run.Emails.Select(e => e.Subject).Where(s => !s.StartsWith("Confirm")).Order());
    }

    [Fact]
    public async Task The_order_placed_email_lists_the_items_and_the_total_and_links_to_the_order()
    {
        var run = await EveryEventAsync();
        var placed = run.Emails.Single(e => e.Subject.StartsWith("We received your order"));
        Assert.Contains("Items: 2 × Yirgacheffe coffee", placed.Text);
        Assert.Contains("Total to pay: 1,150.00 ETB", placed.Text);
        Assert.Contains($"View your order: https://shop.addispay.test/orders/{run.OrderId}", placed.Text);
        Assert.Contains("Total to pay: 1,150.00 ETB", placed.Html);
    }

    [Fact]
    public async Task The_order_shipped_email_names_the_carrier_and_the_tracking_number()
    {
        var shipped = (await EveryEventAsync()).Emails.Single(e => e.Subject.Contains("on its way"));
        Assert.Contains("Carrier: Ethiopian Postal Service. Tracking number: EPS123456789ET.", shipped.Text);
        Assert.Contains("Carrier: Ethiopian Postal Service. Tracking number: EPS123456789ET.", shipped.Html);
    }

    [Fact]
    public async Task The_failed_payment_email_names_the_gateway_and_the_reason()
    {
        var run = await EveryEventAsync();
        Assert.Contains("Your payment for order " + run.Number + " through Chapa did not go through (insufficient funds).",
            run.Emails.Single(e => e.Subject.Contains("did not go through")).Text);
    }

    [Fact]
    public async Task The_cancellation_email_of_a_paid_order_says_the_money_will_be_refunded()
    {
        var run = await EveryEventAsync();
        Assert.Contains("The money you paid will be refunded", run.Emails.Single(e => e.Subject.Contains("cancelled")).Text);
    }

    [Fact]
    public async Task Every_order_and_payment_event_sends_one_sms_even_when_delivered_twice()
    {
        var run = await EveryEventAsync();
        Assert.Equal(run.Events, run.Sms.Count);
    }

    [Fact]
    public async Task Order_sms_go_to_the_customers_phone_in_international_form_from_the_shop_with_the_providers_credentials()
    {
        Assert.All((await EveryEventAsync()).Sms, s =>
        {
            Assert.Matches(@"^\+2519\d{8}$", s.To);
            Assert.Equal(FakeAfricasTalking.Username, s.Username);
            Assert.Equal(FakeAfricasTalking.ApiKey, s.ApiKey);
            Assert.Equal("AddisPay", s.From);
            Assert.Contains("application/json", s.Accept);
        });
    }

    [Fact]
    public async Task The_order_shipped_sms_names_the_carrier_and_the_tracking_number()
    {
        var run = await EveryEventAsync();
        Assert.Contains(run.Sms, s => s.Message == $"AddisPay: order {run.Number} shipped with Ethiopian Postal Service, tracking number EPS123456789ET.");
    }

    [Fact]
    public async Task A_redelivered_event_leaves_one_sent_message_per_event_and_channel_in_the_delivery_log()
    {
        var run = await EveryEventAsync();
        Assert.Equal(1 + 2 * run.Events, run.Log.Count);
        Assert.All(run.Log, m => Assert.Equal("sent", m.Status));
        Assert.Equal(1 + run.Events, run.Relayed);
    }

    [Fact]
    public async Task A_sent_sms_is_logged_with_the_providers_message_id()
    {
        Assert.All((await EveryEventAsync()).Log.Where(m => m.Channel == "sms"), m => Assert.StartsWith("ATXid_", m.ProviderMessageId));
    }

    /// <summary>An Amharic speaker's order placed and shipped.</summary>
    private sealed record InAmharic(string Number, IReadOnlyList<ReceivedEmail> Emails, IReadOnlyList<ReceivedSms> Sms);

    private Task<InAmharic> InAmharicAsync() => platform.ArrangedAsync(async p =>
    {
        var customer = await p.CustomerAsync("am");
        var orderId = Guid.NewGuid();
        var number = OrderNumber();
        await p.PublishAsync(
            new OrderPlaced(orderId, number, customer.Id, null, [Coffee], new OrderAmounts(900m, 0m, 100m, 150m, 1150m), null, DateTimeOffset.UtcNow.AddHours(1)),
            new OrderShipped(orderId, number, customer.Id, "ፈጣን መላኪያ", "FM-778899"));
        var emails = await p.EmailsAsync(customer.Email, 3);
        var sms = await Eventually.Until(() => Task.FromResult(p.Sms.To(customer.Phone!)), s => s.Count >= 2, "two Amharic SMS");
        return new InAmharic(number, emails, sms);
    });

    [Fact]
    public async Task Amharic_speakers_get_the_order_placed_email_in_Amharic()
    {
        var run = await InAmharicAsync();
        var placed = Assert.Single(run.Emails, e => e.Subject == $"ትዕዛዝዎ {run.Number} ደርሶናል");
        Assert.Contains("ዕቃዎች፦ 2 × ይርጋጨፌ ቡና", placed.Text);
        Assert.Contains("የሚከፈል ጠቅላላ ዋጋ፦ 1,150.00 ብር", placed.Html);
    }

    [Fact]
    public async Task Amharic_speakers_get_the_order_shipped_email_in_Amharic_text_and_html()
    {
        var run = await InAmharicAsync();
        var shipped = Assert.Single(run.Emails, e => e.Subject == $"ትዕዛዝዎ {run.Number} ተልኳል");
        Assert.Contains("ሰላም አበበ ከበደ፣", shipped.Text);
        Assert.Contains("አጓጓዥ፦ ፈጣን መላኪያ። የመከታተያ ቁጥር፦ FM-778899።", shipped.Text);
        Assert.Contains("አጓጓዥ፦ ፈጣን መላኪያ። የመከታተያ ቁጥር፦ FM-778899።", shipped.Html);
        Assert.Contains("<html lang=\"am\">", shipped.Html);
        Assert.Contains(">ትዕዛዝዎን ይከታተሉ</a>", shipped.Html);
    }

    [Fact]
    public async Task Amharic_speakers_get_order_sms_in_Amharic()
    {
        var run = await InAmharicAsync();
        Assert.Contains(run.Sms, s => s.Message == $"AddisPay: ትዕዛዝ {run.Number} በፈጣን መላኪያ ተልኳል፤ የመከታተያ ቁጥር FM-778899።");
    }

    [Fact]
    public async Task Customers_who_turned_off_order_updates_get_no_order_email_or_sms()
    {
        var quiet = await platform.CustomerAsync("en", orderUpdates: false);
        var control = await platform.CustomerAsync("en");
        var orderId = Guid.NewGuid();
        await platform.PublishAsync(new OrderShipped(orderId, OrderNumber(), quiet.Id, "DHL", "1234"),
            new OrderShipped(Guid.NewGuid(), OrderNumber(), control.Id, "DHL", "5678"));

        await platform.EmailsAsync(control.Email, 2); // the control customer's news arrived, so the other event was handled too
        await platform.WaitForInboxAsync();
        var log = await platform.LogAsync(quiet.Email);
        Assert.Equal(["email_verification"], log.Select(m => m.Template).ToArray());
        Assert.Empty(await platform.LogAsync(quiet.Phone!));
        Assert.Empty(platform.Sms.To(quiet.Phone!));
    }

    /// <summary>
    /// One transaction of events is one inbox run, whose customers' contacts are fetched together: an English and an Amharic
    /// customer, one who turned order updates off, and one Users does not know (deleted).
    /// </summary>
    private sealed record OneInboxRun(string English, string Amharic, IReadOnlyList<ReceivedEmail> ToEnglish, IReadOnlyList<ReceivedEmail> ToAmharic,
        IReadOnlyList<MessageView> QuietLog, IReadOnlyList<ReceivedSms> QuietSms);

    private Task<OneInboxRun> OneInboxRunAsync() => platform.ArrangedAsync(async p =>
    {
        var english = await p.CustomerAsync("en");
        var amharic = await p.CustomerAsync("am");
        var quiet = await p.CustomerAsync("en", orderUpdates: false);
        var (en, am, off, gone) = (OrderNumber(), OrderNumber(), OrderNumber(), OrderNumber());
        await p.PublishAsync(
            new OrderShipped(Guid.NewGuid(), am, amharic.Id, "DHL", "AM-1"),
            new OrderShipped(Guid.NewGuid(), off, quiet.Id, "DHL", "OFF-1"),
            new OrderShipped(Guid.NewGuid(), gone, Guid.NewGuid(), "DHL", "GONE-1"),
            new OrderShipped(Guid.NewGuid(), en, english.Id, "DHL", "EN-1"),
            new OrderDelivered(Guid.NewGuid(), en, english.Id, [Coffee]));
        var toEnglish = await p.EmailsAsync(english.Email, 3); // verification, shipped, delivered
        var toAmharic = await p.EmailsAsync(amharic.Email, 2);
        await p.WaitForInboxAsync();
        return new OneInboxRun(en, am, toEnglish, toAmharic, await p.LogAsync(quiet.Email), p.Sms.To(quiet.Phone!));
    });

    [Fact]
    public async Task Order_emails_handled_in_one_inbox_run_reach_each_customer_with_their_own_orders()
    {
        var run = await OneInboxRunAsync();
        Assert.Equal([$"Your order {run.English} has been delivered", $"Your order {run.English} is on its way"],
            run.ToEnglish.Select(e => e.Subject).Where(s => s.StartsWith("Your order")).Order().ToArray());
        Assert.All(run.ToEnglish.Where(e => e.Subject.StartsWith("Your order")), e => Assert.Contains("Abebe Kebede", e.Text));
    }

    [Fact]
    public async Task Order_emails_handled_in_one_inbox_run_reach_an_Amharic_speaker_in_Amharic()
    {
        var run = await OneInboxRunAsync();
        var shipped = Assert.Single(run.ToAmharic, e => e.Subject == $"ትዕዛዝዎ {run.Amharic} ተልኳል");
        Assert.Contains("ሰላም አበበ ከበደ፣", shipped.Text);
        Assert.Contains("AM-1", shipped.Text);
    }

    [Fact]
    public async Task Order_updates_handled_in_one_inbox_run_skip_the_customer_who_turned_them_off()
    {
        var run = await OneInboxRunAsync();
        Assert.Equal(["email_verification"], run.QuietLog.Select(m => m.Template).ToArray());
        Assert.Empty(run.QuietSms);
        Assert.DoesNotContain(run.ToEnglish.Concat(run.ToAmharic), e => e.Text.Contains("OFF-1"));
    }

    [Fact]
    public async Task An_unknown_customer_in_an_inbox_run_gets_no_email_sent_to_anyone_else()
    {
        // The others' emails arrived (the arrangement waited for them): the unknown customer did not stop the run.
        var run = await OneInboxRunAsync();
        Assert.DoesNotContain(run.ToEnglish.Concat(run.ToAmharic), e => e.Text.Contains("GONE-1"));
    }
}
