using AddisPay.IntegrationTests.Infrastructure;
using AddisPay.Notifications.Data;
using AddisPay.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Xunit;

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

    private static Message NewMessage(string status, int attempts) => new()
    {
        Id = Guid.NewGuid(), SourceId = Guid.NewGuid(), UserId = Guid.NewGuid(), Channel = "email", Recipient = "abebe@example.com", Template = "order_paid",
        Language = "en", Subject = "Paid", Body = "Your order is paid.", Status = status, Attempts = attempts, LastError = "421 try later",
        CreatedAt = SqlFamilies.Now, NextAttemptAt = Later
    };

    private Task<Message> ReadBackAsync(Guid id) =>
        platform.WithContextAsync<NotificationsDbContext, Message>(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
}
