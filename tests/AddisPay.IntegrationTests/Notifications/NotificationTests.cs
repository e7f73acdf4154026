using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Notifications.NotifyWatchers;
using AddisPay.Notifications.Domain;
using AddisPay.Notifications.Gateways;
using AddisPay.Notifications.CreateCampaign;
using AddisPay.Orders.Contracts;
using AddisPay.Payments.Contracts;
using AddisPay.Products.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// Notifications end to end: events in, real email out through smtp4dev, SMS through the Africa's Talking adapter
/// to a fake provider, in English and Amharic, once per event, respecting each customer's choices.
/// </summary>
public sealed partial class NotificationTests(NotificationsPlatform platform) : IClassFixture<NotificationsPlatform>
{
    private static readonly OrderLine Coffee = new(Guid.NewGuid(), "COF-1", "Yirgacheffe coffee", "ይርጋጨፌ ቡና", 2, 450m, 900m);

    private static string OrderNumber() => $"AP-{Random.Shared.Next(100000, 999999)}";

    [Fact]
    public async Task Registration_and_password_reset_emails_arrive_once_in_the_customers_language_and_their_links_work()
    {
        var amharic = await platform.CustomerAsync("am", verified: true);
        var verification = Assert.Single(await platform.Smtp.MessagesToAsync(amharic.Email));
        Assert.Equal("የAddisPay ኢሜይል አድራሻዎን ያረጋግጡ", verification.Subject);
        Assert.Equal("shop@addispay.test", verification.From.Trim('<', '>'));
        Assert.Contains("ሰላም አበበ ከበደ፣", verification.Text);
        Assert.Contains("ኢሜይሌን አረጋግጥ: https://shop.addispay.test/verify-email?token=", verification.Text);
        Assert.Contains("<p>ሰላም አበበ ከበደ፣</p>", verification.Html);
        Assert.Contains("<a href=\"https://shop.addispay.test/verify-email?token=", verification.Html);
        Assert.Contains(">ኢሜይሌን አረጋግጥ</a>", verification.Html);

        var english = await platform.CustomerAsync("en");
        using (var forgot = await platform.Http.PostAsJsonAsync("/api/users/password/forgot", new { email = english.Email }))
            Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        var emails = await platform.EmailsAsync(english.Email, 2);
        var reset = Assert.Single(emails, e => e.Subject == "Reset your AddisPay password");
        Assert.Contains("Hello Abebe Kebede,", reset.Text);
        Assert.Contains("If you did not ask for this, ignore this email", reset.Text);
        Assert.Contains("<!DOCTYPE html>", reset.Html);
        Assert.Contains("If you did not ask for this, ignore this email", reset.Html);
        Assert.False(reset.Headers.ContainsKey("List-Unsubscribe")); // transactional mail has nothing to unsubscribe from
        var token = Regex.Match(reset.Text, @"reset-password\?token=(\S+)").Groups[1].Value;
        using (var r = await platform.Http.PostAsJsonAsync("/api/users/password/reset", new { token = Uri.UnescapeDataString(token), newPassword = "Injera-and-wot-2026" }))
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        // Account emails never go by SMS, even to a customer with a phone.
        Assert.Empty(platform.Sms.To(english.Phone!));
    }

    [Fact]
    public async Task Registering_with_a_taken_address_warns_its_owner_by_email_in_their_language()
    {
        var owner = await platform.CustomerAsync("am");
        using (var again = await platform.Http.PostAsJsonAsync("/api/users/register",
                   new { email = owner.Email.ToUpperInvariant(), password = "Shiro-and-injera-8", fullName = "Someone Else" }))
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        var emails = await platform.EmailsAsync(owner.Email, 2); // the verification email, then the warning
        var warning = Assert.Single(emails, e => e.Subject == "አንድ ሰው በኢሜይል አድራሻዎ ለመመዝገብ ሞክሯል");
        Assert.Contains("ሰላም አበበ ከበደ፣", warning.Text); // addressed to the owner, not to whoever tried
        Assert.Contains("ይግቡ: https://shop.addispay.test/sign-in", warning.Text);
        Assert.DoesNotContain("Someone Else", warning.Text);
        Assert.DoesNotContain("token=", warning.Text); // no link that acts on the account
        Assert.Empty(platform.Sms.To(owner.Phone!));
    }

    [Fact]
    public async Task Every_order_and_payment_event_sends_one_email_and_one_sms_even_when_delivered_twice()
    {
        var customer = await platform.CustomerAsync("en");
        var orderId = Guid.NewGuid();
        var number = OrderNumber();
        var events = new Shared.Contracts.IntegrationEvent[]
        {
            new OrderPlaced(orderId, number, customer.Id, null, [Coffee], new OrderAmounts(900m, 0m, 100m, 150m, 1150m), null, DateTimeOffset.UtcNow.AddHours(1)),
            new PaymentFailed(Guid.NewGuid(), orderId, customer.Id, Gateways.Chapa, "CH-1", "insufficient funds"),
            new OrderPaid(orderId, number, customer.Id, [Coffee], 1150m, Gateways.Chapa, "CH-2"),
            new OrderShipped(orderId, number, customer.Id, "Ethiopian Postal Service", "EPS123456789ET"),
            new OrderDelivered(orderId, number, customer.Id, [Coffee]),
            new OrderCancelled(orderId, number, customer.Id, OrderCancelled.ByAdmin, WasPaid: true),
            new OrderRefunded(orderId, number, customer.Id, 1150m, 1150m, Full: true),
        };
        await platform.PublishAsync(events);
        await platform.PublishAsync(events); // the same events again, with the same ids: a redelivery

        var emails = await platform.EmailsAsync(customer.Email, 1 + events.Length); // the verification email, then one per event
        string[] expected =
        [
            $"We received your order {number}", $"Payment for order {number} did not go through", $"Payment received for order {number}",
            $"Your order {number} is on its way", $"Your order {number} has been delivered", $"Your order {number} was cancelled",
            $"Refund of 1,150.00 ETB for order {number}",
        ];
        Assert.Equal(expected.Order(), emails.Select(e => e.Subject).Where(s => !s.StartsWith("Confirm")).Order());

        var placed = emails.Single(e => e.Subject.StartsWith("We received your order"));
        Assert.Contains("Items: 2 × Yirgacheffe coffee", placed.Text);
        Assert.Contains("Total to pay: 1,150.00 ETB", placed.Text);
        Assert.Contains($"View your order: https://shop.addispay.test/orders/{orderId}", placed.Text);
        Assert.Contains("Total to pay: 1,150.00 ETB", placed.Html);
        var shipped = emails.Single(e => e.Subject.Contains("on its way"));
        Assert.Contains("Carrier: Ethiopian Postal Service. Tracking number: EPS123456789ET.", shipped.Text);
        Assert.Contains("Carrier: Ethiopian Postal Service. Tracking number: EPS123456789ET.", shipped.Html);
        Assert.Contains("Your payment for order " + number + " through Chapa did not go through (insufficient funds).",
            emails.Single(e => e.Subject.Contains("did not go through")).Text);
        Assert.Contains("The money you paid will be refunded", emails.Single(e => e.Subject.Contains("cancelled")).Text);

        var sms = await Eventually.Until(() => Task.FromResult(platform.Sms.To(customer.Phone!)), s => s.Count >= events.Length, "one SMS per event");
        Assert.Equal(events.Length, sms.Count);
        Assert.All(sms, s =>
        {
            Assert.Matches(@"^\+2519\d{8}$", s.To);
            Assert.Equal(FakeAfricasTalking.Username, s.Username);
            Assert.Equal(FakeAfricasTalking.ApiKey, s.ApiKey);
            Assert.Equal("AddisPay", s.From);
            Assert.Contains("application/json", s.Accept);
        });
        Assert.Contains(sms, s => s.Message == $"AddisPay: order {number} shipped with Ethiopian Postal Service, tracking number EPS123456789ET.");

        // Once the inbox has seen the redelivered copies, the log still holds one message per event and channel, all sent.
        await platform.WaitForInboxAsync();
        var log = (await platform.LogAsync(customer.Email)).Concat(await platform.LogAsync(customer.Phone!)).ToList();
        Assert.Equal(1 + 2 * events.Length, log.Count);
        Assert.All(log, m => Assert.Equal("sent", m.Status));
        Assert.All(log.Where(m => m.Channel == "sms"), m => Assert.StartsWith("ATXid_", m.ProviderMessageId));
        Assert.Equal(1 + events.Length, (await platform.Smtp.MessagesToAsync(customer.Email)).Count);
    }

    [Fact]
    public async Task A_delivery_round_sends_its_emails_over_one_smtp_connection_ended_with_quit_and_the_next_round_opens_its_own()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var round = Enumerable.Range(1, 3).Select(i => $"round{i}-{tag}@example.et").ToArray();
        var later = $"later-{tag}@example.et";
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
        {
            var mailer = scope.ServiceProvider.GetRequiredService<SmtpMailer>();
            foreach (var to in round) await mailer.SendAsync(to, "Your order AP-1", "Selam", "<p>Selam</p>", null, CancellationToken.None);
        }
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SmtpMailer>().SendAsync(later, "Your order AP-2", "Selam", null, null, CancellationToken.None);

        var (id, messages, log) = Assert.Single(await Eventually.Until(() => platform.Smtp.SessionsToAsync(round[0]), s => s.Count > 0, "the round's SMTP session"));
        Assert.Equal(3, messages);
        Assert.All(round, to => Assert.Contains($"<{to}>", log));
        Assert.Contains("221", log.TrimEnd().Split('\n')[^1]); // the relay's goodbye to QUIT
        var next = Assert.Single(await platform.Smtp.SessionsToAsync(later));
        Assert.NotEqual(id, next.Id);
        Assert.Equal(1, next.Messages);
    }

    [Fact]
    public async Task Queued_emails_go_out_exactly_once_while_several_delivery_rounds_send_at_once()
    {
        // Sixty emails due at the same moment: the pod's delivery rounds (four by default) lease batches side by side, and
        // none may send a message another round has leased.
        var tag = Guid.NewGuid().ToString("N")[..10];
        var recipients = Enumerable.Range(1, 60).Select(i => $"bulk{i}-{tag}@example.et").ToArray();
        var source = Guid.NewGuid();
        await using (var scope = platform.Factory.Services.CreateAsyncScope())
        {
            var work = scope.ServiceProvider.GetRequiredService<AddisPay.Shared.Events.ModuleWork<AddisPay.Notifications.Data.NotificationsDbContext>>();
            await work.BeginAsync(CancellationToken.None);
            var log = scope.ServiceProvider.GetRequiredService<DeliveryLog>();
            foreach (var to in recipients)
                Assert.True(await log.EnqueueAsync(work, new OutgoingMessage(source, null, "email", to, "order_paid", "en", "Paid", "Selam", null),
                    CancellationToken.None));
            await work.CompleteAsync(CancellationToken.None);
        }

        foreach (var to in recipients)
            Assert.Equal(1, Assert.Single(await Eventually.Until(() => platform.LogAsync(to, "sent"), m => m.Count > 0, $"the email to {to} to be sent")).Attempts);
        // Every send has finished by now (a round marks a message sent after the relay accepted it): the relay holds one each.
        foreach (var to in recipients)
            Assert.Single(await Eventually.Until(() => platform.Smtp.MessagesToAsync(to), m => m.Count > 0, $"the relay to store the email to {to}"));
    }

    [Fact]
    public async Task Amharic_speakers_get_order_updates_in_Amharic_by_email_and_sms()
    {
        var customer = await platform.CustomerAsync("am");
        var orderId = Guid.NewGuid();
        var number = OrderNumber();
        await platform.PublishAsync(
            new OrderPlaced(orderId, number, customer.Id, null, [Coffee], new OrderAmounts(900m, 0m, 100m, 150m, 1150m), null, DateTimeOffset.UtcNow.AddHours(1)),
            new OrderShipped(orderId, number, customer.Id, "ፈጣን መላኪያ", "FM-778899"));

        var emails = await platform.EmailsAsync(customer.Email, 3);
        var placed = Assert.Single(emails, e => e.Subject == $"ትዕዛዝዎ {number} ደርሶናል");
        Assert.Contains("ዕቃዎች፦ 2 × ይርጋጨፌ ቡና", placed.Text);
        Assert.Contains("የሚከፈል ጠቅላላ ዋጋ፦ 1,150.00 ብር", placed.Html);
        var shipped = Assert.Single(emails, e => e.Subject == $"ትዕዛዝዎ {number} ተልኳል");
        Assert.Contains("ሰላም አበበ ከበደ፣", shipped.Text);
        Assert.Contains("አጓጓዥ፦ ፈጣን መላኪያ። የመከታተያ ቁጥር፦ FM-778899።", shipped.Text);
        Assert.Contains("አጓጓዥ፦ ፈጣን መላኪያ። የመከታተያ ቁጥር፦ FM-778899።", shipped.Html);
        Assert.Contains("<html lang=\"am\">", shipped.Html);
        Assert.Contains(">ትዕዛዝዎን ይከታተሉ</a>", shipped.Html);

        var sms = await Eventually.Until(() => Task.FromResult(platform.Sms.To(customer.Phone!)), s => s.Count >= 2, "two Amharic SMS");
        Assert.Contains(sms, s => s.Message == $"AddisPay: ትዕዛዝ {number} በፈጣን መላኪያ ተልኳል፤ የመከታተያ ቁጥር FM-778899።");
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

    [Fact]
    public async Task Order_emails_handled_in_one_inbox_run_each_reach_their_own_customer_in_their_language_and_by_their_choice()
    {
        // One transaction of events is one inbox run, whose customers' contacts are fetched together: each email must
        // still go to its own customer, in their language, and an unknown (deleted) customer must not stop the others.
        var english = await platform.CustomerAsync("en");
        var amharic = await platform.CustomerAsync("am");
        var quiet = await platform.CustomerAsync("en", orderUpdates: false);
        var (en, am, off, gone) = (OrderNumber(), OrderNumber(), OrderNumber(), OrderNumber());
        await platform.PublishAsync(
            new OrderShipped(Guid.NewGuid(), am, amharic.Id, "DHL", "AM-1"),
            new OrderShipped(Guid.NewGuid(), off, quiet.Id, "DHL", "OFF-1"),
            new OrderShipped(Guid.NewGuid(), gone, Guid.NewGuid(), "DHL", "GONE-1"),
            new OrderShipped(Guid.NewGuid(), en, english.Id, "DHL", "EN-1"),
            new OrderDelivered(Guid.NewGuid(), en, english.Id, [Coffee]));

        var toEnglish = await platform.EmailsAsync(english.Email, 3); // verification, shipped, delivered
        Assert.Equal([$"Your order {en} has been delivered", $"Your order {en} is on its way"],
            toEnglish.Select(e => e.Subject).Where(s => s.StartsWith("Your order")).Order().ToArray());
        Assert.All(toEnglish.Where(e => e.Subject.StartsWith("Your order")), e => Assert.Contains("Abebe Kebede", e.Text));
        var toAmharic = await platform.EmailsAsync(amharic.Email, 2);
        var shipped = Assert.Single(toAmharic, e => e.Subject == $"ትዕዛዝዎ {am} ተልኳል");
        Assert.Contains("ሰላም አበበ ከበደ፣", shipped.Text);
        Assert.Contains("AM-1", shipped.Text);

        await platform.WaitForInboxAsync();
        Assert.Equal(["email_verification"], (await platform.LogAsync(quiet.Email)).Select(m => m.Template).ToArray());
        Assert.Empty(platform.Sms.To(quiet.Phone!));
        Assert.DoesNotContain(toEnglish.Concat(toAmharic), e => e.Text.Contains("OFF-1") || e.Text.Contains("GONE-1"));
    }

    [Fact]
    public async Task A_watcher_is_told_once_when_the_product_is_back_in_stock()
    {
        var shop = new Shop(platform.Http, platform.Http);
        var product = await shop.CreateProductAsync($"BIS-{Guid.NewGuid():N}"[..14], 120m, stock: 0, name: "Sidamo coffee");
        var watcher = await platform.CustomerAsync("en");
        var bystander = await platform.CustomerAsync("en");

        using (var bad = await platform.SendAsync(HttpMethod.Post, "/api/notifications/watches", watcher.AccessToken, new { sku = "x" }))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var unknown = await platform.SendAsync(HttpMethod.Post, "/api/notifications/watches", watcher.AccessToken, new { productId = Guid.NewGuid() }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var watch = await platform.SendAsync(HttpMethod.Post, "/api/notifications/watches", watcher.AccessToken, new { productId = product.Id }))
        {
            Assert.Equal(HttpStatusCode.Created, watch.StatusCode);
            Assert.Equal("Sidamo coffee", (await watch.Content.ReadFromJsonAsync<WatchView>())!.ProductName);
        }
        using (var mine = await platform.SendAsync(HttpMethod.Get, "/api/notifications/watches", watcher.AccessToken))
            Assert.Single((await mine.Content.ReadFromJsonAsync<List<WatchView>>())!);
        using (var others = await platform.SendAsync(HttpMethod.Get, "/api/notifications/watches", bystander.AccessToken))
            Assert.Empty((await others.Content.ReadFromJsonAsync<List<WatchView>>())!);
        // Another customer cannot remove someone else's watch: for them it does not exist.
        using (var foreign = await platform.SendAsync(HttpMethod.Delete, $"/api/notifications/watches/{product.Id}", bystander.AccessToken))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var replenished = new StockReplenished(product.Id, product.Variants[0].Sku, 5);
        await platform.PublishAsync(replenished);
        await platform.PublishAsync(replenished);

        var emails = await platform.EmailsAsync(watcher.Email, 2);
        var news = Assert.Single(emails, e => e.Subject == "Sidamo coffee is back in stock");
        Assert.Contains($"See the product: https://shop.addispay.test/products/{product.Id}", news.Text);
        Assert.Contains("Sidamo coffee, which you asked us to watch, can be bought again.", news.Html);
        var sms = await Eventually.Until(() => Task.FromResult(platform.Sms.To(watcher.Phone!)), s => s.Count >= 1, "the back-in-stock SMS");
        Assert.Equal("AddisPay: Sidamo coffee is back in stock.", Assert.Single(sms).Message);

        await platform.WaitForInboxAsync();
        Assert.Single(await platform.LogAsync(watcher.Email), m => m.Template == "back_in_stock");
        Assert.DoesNotContain(await platform.LogAsync(bystander.Email), m => m.Template == "back_in_stock");
        using (var after = await platform.SendAsync(HttpMethod.Get, "/api/notifications/watches", watcher.AccessToken))
            Assert.Empty((await after.Content.ReadFromJsonAsync<List<WatchView>>())!); // told once, the watch ends
    }

    [Fact]
    public async Task A_campaign_reaches_opted_in_customers_at_a_bounded_rate_and_its_unsubscribe_link_works_without_signing_in()
    {
        var english = await platform.CustomerAsync("en", promotions: true, verified: true);
        var amharic = await platform.CustomerAsync("am", promotions: true, verified: true);
        var unverified = await platform.CustomerAsync("en", promotions: true);
        var optedOut = await platform.CustomerAsync("en", verified: true);

        using (var forbidden = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", english.AccessToken, Campaign()))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using (var anonymous = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", null, Campaign()))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var invalid = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(),
                   new { subject = "Hi", subjectAm = "ሰላም ሰላም", body = "Fresh teff", bodyAm = "ቅናሽ ቅናሽ", categorySlug = "Not A Slug" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var problem = await invalid.Content.ReadAsStringAsync();
            Assert.Contains("\"subject\"", problem);
            Assert.Contains("\"categorySlug\"", problem);
        }
        using (var broken = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(), Campaign() with { Body = "{% if %}Hi" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Contains("\"body\"", await broken.Content.ReadAsStringAsync());
        }

        var campaign = await CreateCampaignAsync(Campaign());
        var done = await Eventually.Until(() => GetCampaignAsync(campaign.Id), c => c.Status == "queued" && c.Messages["sent"] == c.Recipients,
            "the campaign to be sent");
        Assert.True(done.Recipients >= 2);

        var en = Assert.Single(await platform.EmailsAsync(english.Email, 2), e => e.Subject == "Teff season: 10% off");
        Assert.Contains("Hello Abebe Kebede,", en.Text);
        Assert.Contains("Abebe Kebede, this week only", en.Text);
        Assert.Contains("<p>Abebe Kebede, this week only: 10% off teff &amp; berbere.</p>", en.Html); // admin text is encoded in HTML
        Assert.Contains("Unsubscribe: http://localhost/api/notifications/unsubscribe?token=", en.Text);
        Assert.StartsWith("<http://localhost/api/notifications/unsubscribe?token=", en.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", en.Headers["List-Unsubscribe-Post"]);
        var am = Assert.Single(await platform.EmailsAsync(amharic.Email, 2), e => e.Subject == "የጤፍ ወቅት፦ 10% ቅናሽ");
        Assert.Contains("አበበ ከበደ፣ በዚህ ሳምንት ብቻ", am.Text);
        Assert.Contains("ከዚህ ዝርዝር ይውጡ</a>", am.Html);
        Assert.Single(await platform.Smtp.MessagesToAsync(unverified.Email)); // only its verification email
        Assert.Single(await platform.Smtp.MessagesToAsync(optedOut.Email));

        // Bounded rate: 120 a minute gives each message its own half-second slot after the campaign was created; unbounded, all would leave within a few polls (~0.3 s).
        var sentTimes = (await platform.LogAsync(english.Email)).Concat(await platform.LogAsync(amharic.Email))
            .Where(m => m.SourceId == campaign.Id).Select(m => m.SentAt!.Value).ToList();
        Assert.Equal(2, sentTimes.Count);
        var all = await CampaignSentTimesAsync(campaign.Id);
        Assert.True(all[^1] - done.CreatedAt >= TimeSpan.FromMilliseconds(500 * (all.Count - 1) - 5),
            $"{all.Count} messages were sent within {(all[^1] - done.CreatedAt).TotalMilliseconds} ms");

        // The link works anonymously: GET shows a confirmation page and changes nothing; POST opts out.
        var link = Regex.Match(en.Text, @"http://localhost(/api/notifications/unsubscribe\?token=\S+)").Groups[1].Value;
        using (var page = await platform.Http.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync());
        }
        Assert.True(await PromotionsOnAsync(english));
        using (var post = await platform.Http.PostAsync(link, null))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("You are unsubscribed", await post.Content.ReadAsStringAsync());
        }
        Assert.False(await PromotionsOnAsync(english));
        var amLink = Regex.Match(am.Text, @"http://localhost(/api/notifications/unsubscribe\?token=\S+)").Groups[1].Value;
        using (var confirm = await platform.Http.GetAsync(amLink + "&confirm=true"))
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.False(await PromotionsOnAsync(amharic));
        var forged = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        using (var bad = await platform.Http.PostAsync(forged, null))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // Opted-out customers are not in the next campaign.
        var second = await CreateCampaignAsync(Campaign());
        await Eventually.Until(() => GetCampaignAsync(second.Id), c => c.Status == "queued" && c.Messages["sent"] == c.Recipients, "the second campaign");
        Assert.DoesNotContain(await platform.LogAsync(english.Email), m => m.SourceId == second.Id);
        Assert.DoesNotContain(await platform.LogAsync(amharic.Email), m => m.SourceId == second.Id);
    }

    [Fact]
    public async Task A_category_campaign_reaches_only_past_buyers_from_that_category()
    {
        var category = $"coffee-{Random.Shared.Next(100000, 999999)}";
        var buyer = await platform.CustomerAsync("en", promotions: true, verified: true);
        var other = await platform.CustomerAsync("en", promotions: true, verified: true);
        var productId = Guid.NewGuid();
        await platform.PublishAsync(
            new ProductPublished(productId, "sidamo", "Sidamo coffee", "ሲዳሞ ቡና", null, null, null,
                new CategoryPath(["food", category], ["Food", "Coffee"], ["ምግብ", "ቡና"]), [], [], DateTimeOffset.UtcNow),
            new OrderPaid(Guid.NewGuid(), OrderNumber(), buyer.Id, [Coffee with { ProductId = productId }], 900m, Gateways.Sandbox, "SB-1"));
        await platform.WaitForInboxAsync();

        var campaign = await CreateCampaignAsync(Campaign() with { CategorySlug = category });
        await Eventually.Until(() => GetCampaignAsync(campaign.Id), c => c.Status == "queued" && c.Messages["sent"] == c.Recipients, "the category campaign");
        Assert.Equal(1, (await GetCampaignAsync(campaign.Id)).Recipients);
        Assert.Single(await platform.LogAsync(buyer.Email), m => m.SourceId == campaign.Id);
        Assert.DoesNotContain(await platform.LogAsync(other.Email), m => m.SourceId == campaign.Id);
    }

    [Fact]
    public async Task Admin_message_endpoints_refuse_customers_and_anonymous_callers_and_validate_the_filter()
    {
        var customer = await platform.CustomerAsync("en", phone: false);
        using (var r = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=dead", customer.AccessToken))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=dead", null))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{Guid.NewGuid()}/resend", customer.AccessToken))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{Guid.NewGuid()}/resend", null))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (var r = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=lost", Tokens.Admin()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("\"status\"", await r.Content.ReadAsStringAsync());
        }
        using (var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{Guid.NewGuid()}/resend", Tokens.Admin()))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        // A message that was delivered cannot be resent.
        await platform.EmailsAsync(customer.Email, 1);
        var sent = await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Count == 1 && l[0].Status == "sent", "the verification email logged as sent");
        using (var r = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{sent[0].Id}/resend", Tokens.Admin()))
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
    }

    [Fact]
    public async Task A_deleted_account_leaves_no_watches_and_no_personal_data_in_the_delivery_log()
    {
        var shop = new Shop(platform.Http, platform.Http);
        var product = await shop.CreateProductAsync($"DEL-{Guid.NewGuid():N}"[..14], 80m, stock: 0);
        var customer = await platform.CustomerAsync("en");
        using (var watch = await platform.SendAsync(HttpMethod.Post, "/api/notifications/watches", customer.AccessToken, new { productId = product.Id }))
            Assert.Equal(HttpStatusCode.Created, watch.StatusCode);
        var verification = Assert.Single(await Eventually.Until(() => platform.LogAsync(customer.Email), l => l.Count == 1 && l[0].Status == "sent",
            "the verification email to be sent"));

        using (var delete = await platform.SendAsync(HttpMethod.Delete, "/api/users/me", customer.AccessToken))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await platform.WaitForInboxAsync();

        Assert.Empty(await platform.LogAsync(customer.Email));
        Assert.Equal(0, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from notifications.watches where \"UserId\" = '{customer.Id}'"));
        Assert.Equal(1, await Scenarios.PriceChangeScenario.CountAsync(platform.Factory.ConnectionString,
            $"select count(*) from notifications.messages where \"Id\" = '{verification.Id}' and \"Recipient\" = 'erased:{verification.Id}' and \"Body\" = '' and \"Subject\" is null"));
    }

    private static CreateCampaignRequest Campaign() => new("Teff season: 10% off", "የጤፍ ወቅት፦ 10% ቅናሽ",
        "{{ name }}, this week only: 10% off teff & berbere.\n\nSee you at AddisPay.",
        "{{ name }}፣ በዚህ ሳምንት ብቻ በጤፍና በበርበሬ ላይ 10% ቅናሽ።\n\nበAddisPay እንገናኝ።", null);

    private async Task<CampaignView> CreateCampaignAsync(CreateCampaignRequest request)
    {
        using var r = await platform.SendAsync(HttpMethod.Post, "/api/notifications/campaigns", Tokens.Admin(), request);
        await Shop.Expect(r, HttpStatusCode.Accepted);
        return (await r.Content.ReadFromJsonAsync<CampaignView>(NotificationsPlatform.Json))!;
    }

    private async Task<CampaignView> GetCampaignAsync(Guid id)
    {
        using var r = await platform.SendAsync(HttpMethod.Get, $"/api/notifications/campaigns/{id}", Tokens.Admin());
        await Shop.Expect(r, HttpStatusCode.OK);
        return (await r.Content.ReadFromJsonAsync<CampaignView>(NotificationsPlatform.Json))!;
    }

    private async Task<List<DateTimeOffset>> CampaignSentTimesAsync(Guid campaignId)
    {
        await using var conn = new Npgsql.NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("""select "SentAt" from notifications.messages where "SourceId" = @id order by "SentAt" """, conn);
        cmd.Parameters.AddWithValue("id", campaignId);
        var times = new List<DateTimeOffset>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        return times;
    }

    private async Task<bool> PromotionsOnAsync(Customer customer)
    {
        using var r = await platform.SendAsync(HttpMethod.Get, "/api/users/me", customer.AccessToken);
        return (await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("notifyPromotions").GetBoolean();
    }
}
