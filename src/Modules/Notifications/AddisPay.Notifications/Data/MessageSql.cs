using Npgsql;

namespace AddisPay.Notifications.Data;

/// <summary>
/// The delivery log's statements on <c>notifications.messages</c> (mapped by <see cref="NotificationsDbContext"/> as
/// <see cref="Message"/>): a message is added once per source, channel and recipient (<c>on conflict do nothing</c>), a
/// delivery round leases and reads its batch in one statement (<c>for update skip locked</c>, so replicas share the queue),
/// and a resend answers with the row as it left it (<c>update … returning</c>). EF Core can say none of these; no
/// benchmark measured them. Whatever makes a message due notifies <see cref="DueChannel"/>, which PostgreSQL delivers
/// to the delivery workers' listening connections when the transaction commits (once per transaction, however many
/// messages it added), so a round starts at once instead of at the next poll.
/// </summary>
internal static class MessageSql
{
    /// <summary>The channel a delivery worker listens on; a notification means "a message may be due now".</summary>
    public const string DueChannel = "addispay_notifications_due";

    // RETURNING calls pg_notify only for a row really added: a redelivered event wakes nobody.
    private const string Insert = """
        insert into notifications.messages ("Id", "SourceId", "UserId", "Channel", "Recipient", "Template", "Language", "Promotional",
            "Subject", "Body", "HtmlBody", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
        values (@id, @source, @user, @channel, @recipient, @template, @language, @promotional, @subject, @body, @html, 'queued', 0, @now, @next)
        on conflict ("SourceId", "Channel", "Recipient") do nothing
        returning pg_notify('addispay_notifications_due', '')
        """;

    private const string Listen = "listen " + DueChannel;

    /// <summary>Subscribes the connection (a dedicated one, held by the worker) to <see cref="DueChannel"/>.</summary>
    public static async Task ListenAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Listen, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Adds the message now, in the work's transaction; false when it was added before.</summary>
    public static async Task<bool> EnqueueAsync(UnitOfWork work, (string Name, object? Value)[] parameters, CancellationToken ct)
    {
        await using var cmd = work.Command(Insert);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Adds the message with the inbox transaction's other queued writes.</summary>
    public static void Enqueue(IntegrationEventContext context, (string Name, object? Value)[] parameters) => context.Defer(Insert, parameters);

    /// <summary>Up to <paramref name="batchSize"/> messages due at <paramref name="now"/>, leased until <paramref name="leasedUntil"/>.</summary>
    public static Task<List<Message>> LeaseAsync(NotificationsDbContext db, DateTimeOffset now, DateTimeOffset leasedUntil, int batchSize, CancellationToken ct) =>
        db.Messages.FromSql($"""
            update notifications.messages set "NextAttemptAt" = {leasedUntil}
             where "Id" in (select "Id" from notifications.messages
                             where "Status" in ('queued', 'failed') and "NextAttemptAt" <= {now}
                             order by "NextAttemptAt" limit {batchSize} for update skip locked)
            returning *
            """).ToListAsync(ct);

    /// <summary>
    /// Extends the lease of a round's messages that still hold the lease it took (<paramref name="heldUntil"/>, to the
    /// microsecond, is the round's token: a pod that leased a message after this round's lease ran out wrote its own),
    /// and answers which ones they are. A message not among them belongs to another round now and must not be sent.
    /// </summary>
    public static Task<List<Guid>> RenewLeaseAsync(NotificationsDbContext db, Guid[] ids, DateTimeOffset heldUntil, DateTimeOffset leasedUntil, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            update notifications.messages set "NextAttemptAt" = {leasedUntil}
             where "Id" = any({ids}) and "NextAttemptAt" = {heldUntil} and "Status" in ('queued', 'failed')
            returning "Id" as "Value"
            """).ToListAsync(ct);

    /// <summary>
    /// When the next message falls due (a retry, a campaign's slot, the end of a promotion's quiet hours or of a lease a
    /// crashed pod took), read off the due index's first entry; null when none waits.
    /// </summary>
    public static Task<DateTimeOffset?> NextDueAsync(NotificationsDbContext db, CancellationToken ct) =>
        db.Database.SqlQuery<DateTimeOffset?>($"""
            select min("NextAttemptAt") as "Value" from notifications.messages where "Status" in ('queued', 'failed')
            """).SingleAsync(ct);

    /// <summary>The dead message queued again with a fresh set of attempts, as the statement left it; null when it is not dead.</summary>
    public static async Task<Message?> ResendAsync(NotificationsDbContext db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var resent = (await db.Messages.FromSql($"""
            update notifications.messages set "Status" = {MessageStatus.Queued}, "Attempts" = 0, "NextAttemptAt" = {now}
             where "Id" = {id} and "Status" = {MessageStatus.Dead}
            returning *
            """).AsNoTracking().ToListAsync(ct)).SingleOrDefault();
        // A second statement: an admin's resend is rare, and the update's answer is read whole by EF Core.
        if (resent is not null) await db.Database.ExecuteSqlAsync($"select pg_notify({DueChannel}, '')", ct);
        return resent;
    }
}
