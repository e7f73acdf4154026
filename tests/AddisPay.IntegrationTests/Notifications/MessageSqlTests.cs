using AddisPay.Notifications.Data;
using AddisPay.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.IntegrationTests.Notifications;

/// <summary>
/// <see cref="MessageSql"/> against the mapping of <see cref="NotificationsDbContext"/>. The messages fall due decades from
/// now, so the platform's own delivery rounds leave them alone.
/// </summary>
[Collection(SqlFamilies.Collection)]
public sealed class MessageSqlTests(SqlFamilies platform)
{
    private static readonly DateTimeOffset Later = SqlFamilies.Now.AddYears(40);

    [Fact]
    public async Task A_message_added_by_its_statement_reads_back_through_the_context_once()
    {
        var (id, source, user) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        (string, object?)[] parameters =
        [
            ("id", id), ("source", source), ("user", user), ("channel", "email"), ("recipient", "abebe@example.com"), ("template", "order_placed"),
            ("language", "am"), ("promotional", false), ("subject", "ትዕዛዝ"), ("body", "Thank you"), ("html", null), ("now", SqlFamilies.Now), ("next", Later)
        ];

        var added = await platform.InWorkAsync<NotificationsDbContext, bool>(work => MessageSql.EnqueueAsync(work, parameters, CancellationToken.None));
        parameters[0] = ("id", Guid.NewGuid());
        var again = await platform.InWorkAsync<NotificationsDbContext, bool>(work => MessageSql.EnqueueAsync(work, parameters, CancellationToken.None));

        Assert.True(added);
        Assert.False(again);
        var message = await platform.WithContextAsync<NotificationsDbContext, Message>(db => db.Messages.AsNoTracking().SingleAsync(m => m.SourceId == source));
        Assert.Equal((id, (Guid?)user, "email", "abebe@example.com", "order_placed", "am", false), (message.Id, message.UserId, message.Channel, message.Recipient, message.Template, message.Language, message.Promotional));
        Assert.Equal(("ትዕዛዝ", "Thank you", (string?)null, MessageStatus.Queued, 0), (message.Subject, message.Body, message.HtmlBody, message.Status, message.Attempts));
        Assert.Equal((SqlFamilies.Now, Later), (message.CreatedAt, message.NextAttemptAt));
    }

    [Fact]
    public async Task A_due_message_saved_through_the_context_is_leased_and_read_whole_by_the_lease_statement()
    {
        var message = NewMessage(MessageStatus.Failed, attempts: 2);
        await platform.SaveAsync<NotificationsDbContext>(message);
        var leasedUntil = Later.AddMinutes(1);

        var leased = await platform.WithContextAsync<NotificationsDbContext, List<Message>>(db =>
            MessageSql.LeaseAsync(db, Later.AddSeconds(1), leasedUntil, 1000, CancellationToken.None));

        var mine = Assert.Single(leased, m => m.Id == message.Id);
        Assert.Equal((message.SourceId, message.Recipient, message.Subject, MessageStatus.Failed, 2, leasedUntil),
            (mine.SourceId, mine.Recipient, mine.Subject, mine.Status, mine.Attempts, mine.NextAttemptAt));
        Assert.Equal(leasedUntil, (await ReadBackAsync(message.Id)).NextAttemptAt);
    }

    [Fact]
    public async Task A_dead_message_saved_through_the_context_is_queued_again_and_read_whole_by_the_resend_statement()
    {
        var message = NewMessage(MessageStatus.Dead, attempts: 5);
        await platform.SaveAsync<NotificationsDbContext>(message);

        var resent = await platform.WithContextAsync<NotificationsDbContext, Message?>(db => MessageSql.ResendAsync(db, message.Id, Later, CancellationToken.None));
        var again = await platform.WithContextAsync<NotificationsDbContext, Message?>(db => MessageSql.ResendAsync(db, message.Id, Later, CancellationToken.None));

        Assert.NotNull(resent);
        Assert.Null(again);
        Assert.Equal((message.Recipient, message.Body, MessageStatus.Queued, 0, Later), (resent.Recipient, resent.Body, resent.Status, resent.Attempts, resent.NextAttemptAt));
        var saved = await ReadBackAsync(message.Id);
        Assert.Equal((MessageStatus.Queued, 0, Later), (saved.Status, saved.Attempts, saved.NextAttemptAt));
    }

    [Fact]
    public async Task A_message_added_by_its_statement_wakes_the_delivery_rounds_channel_when_its_transaction_commits()
    {
        await using var listener = new NpgsqlConnection(platform.Factory.ConnectionString);
        await listener.OpenAsync();
        string? channel = null;
        listener.Notification += (_, e) => channel = e.Channel;
        await MessageSql.ListenAsync(listener, CancellationToken.None);
        (string, object?)[] parameters =
        [
            ("id", Guid.NewGuid()), ("source", Guid.NewGuid()), ("user", null), ("channel", "email"), ("recipient", "almaz@example.com"), ("template", "order_paid"),
            ("language", "en"), ("promotional", false), ("subject", "Paid"), ("body", "Your order is paid."), ("html", null), ("now", SqlFamilies.Now), ("next", Later)
        ];

        await platform.InWorkAsync<NotificationsDbContext, bool>(work => MessageSql.EnqueueAsync(work, parameters, CancellationToken.None));

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(30)), "No notification within 30 s of the commit");
        Assert.Equal(MessageSql.DueChannel, channel);
    }

    [Fact]
    public async Task A_renewal_extends_the_lease_of_the_messages_still_holding_the_rounds_lease_and_of_no_other()
    {
        var held = NewMessage(MessageStatus.Queued, attempts: 0);
        var taken = NewMessage(MessageStatus.Queued, attempts: 0);
        var (leasedUntil, othersLease, renewedUntil) = (Later.AddSeconds(30), Later.AddSeconds(45), Later.AddSeconds(60));
        held.NextAttemptAt = leasedUntil;
        taken.NextAttemptAt = othersLease; // another round leased it after this round's lease ran out
        await platform.SaveAsync<NotificationsDbContext>(held, taken);

        var renewed = await platform.WithContextAsync<NotificationsDbContext, List<Guid>>(db =>
            MessageSql.RenewLeaseAsync(db, [held.Id, taken.Id], leasedUntil, renewedUntil, CancellationToken.None));

        Assert.Equal([held.Id], renewed);
        Assert.Equal(renewedUntil, (await ReadBackAsync(held.Id)).NextAttemptAt);
        Assert.Equal(othersLease, (await ReadBackAsync(taken.Id)).NextAttemptAt);
    }

    [Fact]
    public async Task The_next_due_time_is_the_earliest_of_the_waiting_messages_as_the_context_reads_them_and_never_a_sent_ones()
    {
        var sent = NewMessage(MessageStatus.Sent, attempts: 1);
        var waiting = NewMessage(MessageStatus.Failed, attempts: 1);
        sent.NextAttemptAt = SqlFamilies.Now.AddYears(-1); // earlier than any message of the platform: read if the status were ignored
        waiting.NextAttemptAt = SqlFamilies.Now.AddYears(20);
        await platform.SaveAsync<NotificationsDbContext>(sent, waiting);

        // One snapshot for both reads: the platform's own rounds may lease a message in between.
        var (next, expected) = await platform.WithContextAsync<NotificationsDbContext, (DateTimeOffset?, DateTimeOffset?)>(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            var next = await MessageSql.NextDueAsync(db, CancellationToken.None);
            var expected = await db.Messages.Where(m => m.Status == MessageStatus.Queued || m.Status == MessageStatus.Failed)
                .MinAsync(m => (DateTimeOffset?)m.NextAttemptAt);
            return (next, expected);
        });

        Assert.NotNull(next);
        Assert.Equal(expected, next);
        Assert.True(next <= waiting.NextAttemptAt);
    }

    private static Message NewMessage(string status, int attempts) => new()
    {
        Id = Guid.NewGuid(), SourceId = Guid.NewGuid(), UserId = Guid.NewGuid(), Channel = "email", Recipient = "abebe@example.com", Template = "order_paid",
        Language = "en", Subject = "Paid", Body = "Your order is paid.", Status = status, Attempts = attempts, LastError = "421 try later",
        CreatedAt = SqlFamilies.Now, NextAttemptAt = Later
    };

    private Task<Message> ReadBackAsync(Guid id) =>
        platform.WithContextAsync<NotificationsDbContext, Message>(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
}
