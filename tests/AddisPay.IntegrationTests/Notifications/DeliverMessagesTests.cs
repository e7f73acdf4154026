using AddisPay.Notifications.Domain;
using AddisPay.Notifications.Gateways;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AddisPay.IntegrationTests.Notifications.NotificationsShop;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// The delivery rounds: one SMTP connection per round, several rounds leasing side by side without sending a message twice,
/// and the lease (5 s on this platform: 3 s send timeouts plus a 2 s margin; the poll is the 10 s default): how long a
/// message leased by a round that died waits, and that a round sending slowly keeps what it leased.
/// </summary>
[Collection(NotificationsPlatform.Collection)]
public sealed class DeliverMessagesTests(NotificationsPlatform platform)
{
    private static readonly TimeSpan PlatformLease = TimeSpan.FromSeconds(5);

    /// <summary>Three emails sent by one round (one scope of the mailer), then one by the next.</summary>
    private sealed record TwoRounds(string[] Round, IReadOnlyList<(string Id, int Messages, string Log)> RoundSessions,
        IReadOnlyList<(string Id, int Messages, string Log)> NextSessions);

    private Task<TwoRounds> TwoRoundsAsync() => platform.ArrangedAsync(async p =>
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var round = Enumerable.Range(1, 3).Select(i => $"round{i}-{tag}@example.et").ToArray();
        var later = $"later-{tag}@example.et";
        await using (var scope = p.Factory.Services.CreateAsyncScope())
        {
            var mailer = scope.ServiceProvider.GetRequiredService<SmtpMailer>();
            foreach (var to in round) await mailer.SendAsync(to, "Your order AP-1", "Selam", "<p>Selam</p>", null, CancellationToken.None);
        }
        await using (var scope = p.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SmtpMailer>().SendAsync(later, "Your order AP-2", "Selam", null, null, CancellationToken.None);

        var sessions = await Eventually.Until(() => p.Smtp.SessionsToAsync(round[0]), s => s.Count > 0, "the round's SMTP session");
        return new TwoRounds(round, sessions, await p.Smtp.SessionsToAsync(later));
    });

    [Fact]
    public async Task A_delivery_round_sends_its_emails_over_one_smtp_connection()
    {
        var run = await TwoRoundsAsync();
        var (_, messages, log) = Assert.Single(run.RoundSessions);
        Assert.Equal(3, messages);
        Assert.All(run.Round, to => Assert.Contains($"<{to}>", log));
    }

    [Fact]
    public async Task A_delivery_round_ends_its_smtp_connection_with_quit()
    {
        var (_, _, log) = Assert.Single((await TwoRoundsAsync()).RoundSessions);
        Assert.Contains("221", log.TrimEnd().Split('\n')[^1]); // the relay's goodbye to QUIT
    }

    [Fact]
    public async Task The_next_delivery_round_opens_its_own_smtp_connection()
    {
        var run = await TwoRoundsAsync();
        var next = Assert.Single(run.NextSessions);
        Assert.NotEqual(Assert.Single(run.RoundSessions).Id, next.Id);
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

    /// <summary>What a round's lease leaves in the log when its process dies before sending: the message still queued, due again when the lease ends.</summary>
    private sealed record DeadRoundsLease(DateTimeOffset LeasedUntil, IReadOnlyList<ReceivedEmail> Received, IReadOnlyList<AddisPay.Notifications.Contracts.MessageView> Logged);

    private Task<DeadRoundsLease> DeadRoundsLeaseAsync() => platform.ArrangedAsync(async p =>
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        var leasedUntil = new DateTimeOffset((DateTimeOffset.UtcNow + PlatformLease).UtcTicks / 10 * 10, TimeSpan.Zero);
        await p.EnqueueAsync(Message(Guid.NewGuid(), "email", email, next: leasedUntil));

        // The bound is the lease: the rounds wake when it ends (the poll, 10 s, would come later than this wait allows).
        var received = await Eventually.Until(() => p.Smtp.MessagesToAsync(email), m => m.Count >= 1, "the email after its lease",
            timeout: leasedUntil - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6));
        return new DeadRoundsLease(leasedUntil, received, await p.LogAsync(email));
    });

    [Fact]
    public async Task An_email_leased_by_a_round_that_died_goes_out_once_its_lease_ends()
    {
        var run = await DeadRoundsLeaseAsync();
        Assert.Equal("Your order is paid", Assert.Single(run.Received).Subject);
        Assert.Single(run.Logged);
    }

    [Fact]
    public async Task An_email_leased_by_a_round_that_died_is_not_sent_before_its_lease_ends()
    {
        var run = await DeadRoundsLeaseAsync();
        var logged = Assert.Single(run.Logged);
        Assert.True(logged.SentAt >= run.LeasedUntil, $"Sent at {logged.SentAt:O}, while the dead round's lease lasted until {run.LeasedUntil:O}");
    }

    /// <summary>
    /// Four SMS the provider answers 1.5 s each, due together so one round leases them in one batch: 6 s of sending against
    /// a 5 s lease, watched every 200 ms until all are sent (or a minute has passed).
    /// </summary>
    private sealed record SlowBatch(string[] Phones, IReadOnlyList<string> DueWhileSending, bool AllSent);

    private Task<SlowBatch> SlowBatchAsync() => platform.ArrangedAsync(async p =>
    {
        var phones = Enumerable.Range(0, 4).Select(_ => $"+2519{Random.Shared.Next(10_000_000, 99_999_999)}").ToArray();
        foreach (var phone in phones) p.Sms.Slow[phone] = TimeSpan.FromSeconds(1.5);
        var ids = phones.Select(_ => Guid.NewGuid()).ToArray();
        var due = DateTimeOffset.UtcNow.AddSeconds(1); // one time for all four: a message due later is not in the batch
        await p.EnqueueAsync(phones.Select((phone, i) => Message(ids[i], "sms", phone, next: due)).ToArray());

        await using var conn = new NpgsqlConnection(p.Factory.ConnectionString);
        await conn.OpenAsync();
        var dueWhileSending = new List<string>();
        for (var checks = 0; checks < 300; checks++)
        {
            // Once the provider has one of them, the batch is leased: from then on none may be due. Read before the log.
            var sending = phones.Any(phone => p.Sms.To(phone).Count > 0);
            // The lease statement's own condition, with the database's clock.
            await using var cmd = new NpgsqlCommand("""
                select count(*) filter (where "Status" in ('queued', 'failed') and "NextAttemptAt" <= now()), count(*) filter (where "Status" = 'sent')
                  from notifications.messages where "Id" = any(@ids)
                """, conn);
            cmd.Parameters.AddWithValue("ids", ids);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (leasable, sent) = (reader.GetInt64(0), reader.GetInt64(1));
            if (sending && leasable > 0) dueWhileSending.Add($"{leasable} slow SMS due again (another round could send them) while their batch was being sent");
            if (sent == phones.Length) return new SlowBatch(phones, dueWhileSending, AllSent: true);
            await Task.Delay(200);
        }
        return new SlowBatch(phones, dueWhileSending, AllSent: false);
    });

    [Fact]
    public async Task A_batch_of_slow_sms_outlasting_the_first_lease_stays_leased_until_each_is_recorded()
    {
        var run = await SlowBatchAsync();
        Assert.True(run.DueWhileSending.Count == 0, string.Join("; ", run.DueWhileSending));
    }

    [Fact]
    public async Task Each_slow_sms_of_a_batch_outlasting_its_lease_goes_out_once()
    {
        var run = await SlowBatchAsync();
        Assert.True(run.AllSent, "The slow SMS were not all sent within a minute");
        Assert.All(run.Phones, phone => Assert.Single(platform.Sms.To(phone)));
    }
}
