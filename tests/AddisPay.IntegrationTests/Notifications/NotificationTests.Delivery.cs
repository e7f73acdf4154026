using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Notifications.Data;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// The delivery lease: how long a message leased by a round that died waits, and that a round sending slowly keeps what it
/// leased. The platform's lease is 5 s (3 s send timeouts plus a 2 s margin); its poll is the 10 s default.
/// </summary>
public sealed partial class NotificationTests
{
    private static readonly TimeSpan PlatformLease = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_email_leased_by_a_round_that_died_goes_out_once_its_lease_ends_and_not_before()
    {
        var email = $"{Guid.NewGuid():N}@example.et";
        // What a round's lease leaves in the log when its process dies before sending: the message still queued, due again
        // when the lease ends.
        var leasedUntil = new DateTimeOffset((DateTimeOffset.UtcNow + PlatformLease).UtcTicks / 10 * 10, TimeSpan.Zero);
        await EnqueueAsync(Message(Guid.NewGuid(), "email", email, next: leasedUntil));

        // The bound is the lease: the rounds wake when it ends (the poll, 10 s, would come later than this wait allows).
        var received = await Eventually.Until(() => platform.Smtp.MessagesToAsync(email), m => m.Count >= 1, "the email after its lease",
            timeout: leasedUntil - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6));
        Assert.Equal("Your order is paid", Assert.Single(received).Subject);
        var logged = Assert.Single(await platform.LogAsync(email));
        Assert.True(logged.SentAt >= leasedUntil, $"Sent at {logged.SentAt:O}, while the dead round's lease lasted until {leasedUntil:O}");
    }

    [Fact]
    public async Task A_batch_of_slow_sms_outlasting_the_first_lease_stays_leased_until_recorded_and_each_goes_out_once()
    {
        // Four SMS the provider answers 1.5 s each, due together so one round leases them in one batch: 6 s of sending
        // against a 5 s lease. Whenever a message is not yet recorded, another round must find it leased (not due).
        var phones = Enumerable.Range(0, 4).Select(_ => $"+2519{Random.Shared.Next(10_000_000, 99_999_999)}").ToArray();
        foreach (var phone in phones) platform.Sms.Slow[phone] = TimeSpan.FromSeconds(1.5);
        var ids = phones.Select(_ => Guid.NewGuid()).ToArray();
        var due = DateTimeOffset.UtcNow.AddSeconds(1); // one time for all four: a message due later is not in the batch
        await EnqueueAsync(phones.Select((phone, i) => Message(ids[i], "sms", phone, next: due)).ToArray());

        await using var conn = new NpgsqlConnection(platform.Factory.ConnectionString);
        await conn.OpenAsync();
        var checks = 0;
        while (true)
        {
            // Once the provider has one of them, the batch is leased: from then on none may be due. Read before the log.
            var sending = phones.Any(phone => platform.Sms.To(phone).Count > 0);
            // The lease statement's own condition, with the database's clock.
            await using var cmd = new NpgsqlCommand("""
                select count(*) filter (where "Status" in ('queued', 'failed') and "NextAttemptAt" <= now()), count(*) filter (where "Status" = 'sent')
                  from notifications.messages where "Id" = any(@ids)
                """, conn);
            cmd.Parameters.AddWithValue("ids", ids);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (leasable, sent) = (reader.GetInt64(0), reader.GetInt64(1));
            Assert.False(sending && leasable > 0, $"{leasable} slow SMS due again (another round could send them) while their batch was being sent");
            if (sent == phones.Length) break;
            Assert.True(++checks < 300, "The slow SMS were not all sent within a minute");
            await Task.Delay(200);
        }

        Assert.All(phones, phone => Assert.Single(platform.Sms.To(phone)));
    }

    private static (string, object?)[] Message(Guid id, string channel, string recipient, DateTimeOffset next) =>
    [
        ("id", id), ("source", Guid.NewGuid()), ("user", null), ("channel", channel), ("recipient", recipient), ("template", "order_paid"),
        ("language", "en"), ("promotional", false), ("subject", channel == "email" ? "Your order is paid" : null), ("body", "Your order is paid."),
        ("html", null), ("now", DateTimeOffset.UtcNow), ("next", next)
    ];

    /// <summary>Adds the messages to the delivery log in one transaction, through the module's own statement.</summary>
    private async Task EnqueueAsync(params (string, object?)[][] messages)
    {
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<ModuleWork<NotificationsDbContext>>();
        await work.BeginAsync(CancellationToken.None);
        foreach (var message in messages) Assert.True(await MessageSql.EnqueueAsync(work, message, CancellationToken.None));
        await work.CompleteAsync(CancellationToken.None);
    }
}
