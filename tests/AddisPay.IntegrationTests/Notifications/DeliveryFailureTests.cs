using AddisPay.Notifications.Contracts;
using AddisPay.Orders.Contracts;
using AddisPay.Shared.Contracts;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// Delivery, the delivery log and resends when the providers fail (<see cref="BrokenProvidersPlatform"/>: no SMTP server, an
/// SMS provider answering 500 while <see cref="FakeAfricasTalking.Failing"/>): failed sends are retried with backoff, then
/// dead-lettered for admins, who can resend them. A setting every other Notifications test would notice, so a platform of
/// its own.
/// </summary>
public sealed class DeliveryFailureTests(BrokenProvidersPlatform platform) : IClassFixture<BrokenProvidersPlatform>
{
    /// <summary>
    /// An order shipped to a customer while both providers fail, until every message is dead; the admins' list of dead letters;
    /// the SMS provider back and the dead SMS resent; the dead email resent while the SMTP server is still down.
    /// </summary>
    private sealed record DeadAndResent(
        IReadOnlyList<MessageView> DeadEmails, MessageView DeadSms, IReadOnlyList<ReceivedSms> SmsWhileFailing, MessagePage DeadLetters,
        HttpStatusCode SmsResendAnswer, MessageView? SmsResent, IReadOnlyList<MessageView> PhonesLogAfter, IReadOnlyList<ReceivedSms> SmsAfter,
        MessageView EmailResent, HttpStatusCode EmailResendAnswer, IReadOnlyList<MessageView> EmailsLogAfter);

    private Task<DeadAndResent> DeadAndResentAsync() => platform.ArrangedAsync(async _ =>
    {
        platform.Sms.Failing = true;
        var customer = await platform.CustomerAsync("en");
        await platform.PublishAsync(new OrderShipped(Guid.NewGuid(), "AP-424242", customer.Id, "DHL", "JD0001"));

        var deadEmails = await Eventually.Until(() => platform.LogAsync(customer.Email, "dead"), l => l.Count == 2, "both emails to die");
        var deadSms = await Eventually.Until(() => platform.LogAsync(customer.Phone!, "dead"), l => l.Count == 1, "the SMS to die");
        var smsWhileFailing = platform.Sms.To(customer.Phone!); // its own messages only: other tests of the class send SMS too
        MessagePage deadLetters;
        using (var list = await platform.SendAsync(HttpMethod.Get, "/api/notifications/messages?status=dead", Tokens.Admin()))
            deadLetters = (await list.Content.ReadFromJsonAsync<MessagePage>(NotificationsPlatform.Json))!;

        // The provider recovers; the admin resends the SMS.
        platform.Sms.Failing = false;
        HttpStatusCode smsResendAnswer;
        MessageView? smsResent;
        using (var resend = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{deadSms[0].Id}/resend", Tokens.Admin()))
            (smsResendAnswer, smsResent) = (resend.StatusCode, resend.IsSuccessStatusCode ? await resend.Content.ReadFromJsonAsync<MessageView>(NotificationsPlatform.Json) : null);
        var phonesLog = await Eventually.Until(() => platform.LogAsync(customer.Phone!), l => l.Single().Status == "sent", "the resent SMS to be sent");

        // The SMTP server is still down: the admin resends the shipping email.
        var email = deadEmails.Single(m => m.Template == "order_shipped");
        HttpStatusCode emailResendAnswer;
        using (var resend = await platform.SendAsync(HttpMethod.Post, $"/api/notifications/messages/{email.Id}/resend", Tokens.Admin()))
            emailResendAnswer = resend.StatusCode;
        var emailsLog = await Eventually.Until(() => platform.LogAsync(customer.Email),
            l => l.Single(m => m.Id == email.Id) is { Status: "dead", LastAttemptAt: var at } && at > email.LastAttemptAt, "the resent email to die again");
        return new DeadAndResent(deadEmails, deadSms[0], smsWhileFailing, deadLetters, smsResendAnswer, smsResent, phonesLog,
            platform.Sms.To(customer.Phone!), email, emailResendAnswer, emailsLog);
    });

    [Fact]
    public async Task A_failing_email_ends_dead_after_its_retries()
    {
        Assert.All((await DeadAndResentAsync()).DeadEmails, m =>
        {
            Assert.Equal(3, m.Attempts);
            Assert.Contains("SocketException", m.LastError);
        });
    }

    [Fact]
    public async Task A_failing_sms_ends_dead_after_its_retries()
    {
        var run = await DeadAndResentAsync();
        Assert.Equal(3, run.DeadSms.Attempts);
        Assert.Contains("500", run.DeadSms.LastError);
        Assert.Empty(run.SmsWhileFailing);
    }

    [Fact]
    public async Task Admins_see_the_dead_letters_by_their_status()
    {
        var run = await DeadAndResentAsync();
        Assert.Contains(run.DeadLetters.Items, m => m.Id == run.DeadSms.Id);
        Assert.All(run.DeadLetters.Items, m => Assert.Equal("dead", m.Status));
    }

    [Fact]
    public async Task A_dead_sms_resent_once_the_provider_is_back_goes_out_once()
    {
        var run = await DeadAndResentAsync();
        Assert.Equal(HttpStatusCode.OK, run.SmsResendAnswer);
        Assert.Equal("queued", run.SmsResent!.Status);
        Assert.Equal(1, run.PhonesLogAfter[0].Attempts);
        Assert.Equal("AddisPay: order AP-424242 shipped with DHL, tracking number JD0001.", Assert.Single(run.SmsAfter).Message);
    }

    [Fact]
    public async Task A_dead_email_resent_while_its_server_is_still_down_is_retried_and_dies_again_rather_than_lost()
    {
        var run = await DeadAndResentAsync();
        Assert.Equal(HttpStatusCode.OK, run.EmailResendAnswer);
        Assert.Equal(3, run.EmailsLogAfter.Single(m => m.Id == run.EmailResent.Id).Attempts);
    }

    /// <summary>A dead SMS another module (the back office) looks up through the contracts and resends twice once the provider is back.</summary>
    private sealed record ResentTwice(Customer Customer, IReadOnlyList<MessageView> FoundInWindow, IReadOnlyList<MessageView> FoundLater,
        IReadOnlyList<MessageView> FoundSent, MessageView FirstResend, Exception? SecondResend, IReadOnlyList<ReceivedSms> SmsAfter);

    private Task<ResentTwice> ResentTwiceAsync() => platform.ArrangedAsync(async _ =>
    {
        platform.Sms.Failing = true;
        var customer = await platform.CustomerAsync("en");
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await platform.PublishAsync(new OrderShipped(Guid.NewGuid(), "AP-434343", customer.Id, "DHL", "JD0002"));
        await Eventually.Until(() => platform.LogAsync(customer.Phone!, "dead"), l => l.Count == 1, "the SMS to die");

        var inWindow = (await platform.SendAsync(new ListMessages("dead", customer.Phone, before, DateTimeOffset.UtcNow.AddMinutes(1)))).Items;
        var later = (await platform.SendAsync(new ListMessages("dead", customer.Phone, From: DateTimeOffset.UtcNow.AddMinutes(1)))).Items;
        var sent = (await platform.SendAsync(new ListMessages("sent", customer.Phone))).Items;

        platform.Sms.Failing = false;
        var first = await platform.SendAsync(new ResendMessage(inWindow[0].Id));
        var second = await Record.ExceptionAsync(async () => await platform.SendAsync(new ResendMessage(inWindow[0].Id)));
        await Eventually.Until(() => platform.LogAsync(customer.Phone!, "sent"), l => l.Count == 1, "the resent SMS to be sent");
        return new ResentTwice(customer, inWindow, later, sent, first, second, platform.Sms.To(customer.Phone!));
    });

    [Fact]
    public async Task Another_module_finds_a_dead_message_by_status_recipient_and_date()
    {
        var run = await ResentTwiceAsync();
        Assert.Single(run.FoundInWindow);
        Assert.Empty(run.FoundLater);
        Assert.Empty(run.FoundSent);
    }

    [Fact]
    public async Task A_second_resend_of_a_message_through_the_contracts_is_refused_as_no_longer_dead()
    {
        var run = await ResentTwiceAsync();
        Assert.Equal("queued", run.FirstResend.Status);
        var repeat = Assert.IsType<ConflictException>(run.SecondResend);
        Assert.Equal("notifications.not-dead", repeat.Reason?.Code);
    }

    [Fact]
    public async Task A_message_resent_twice_is_sent_once() =>
        Assert.Single((await ResentTwiceAsync()).SmsAfter);
}
