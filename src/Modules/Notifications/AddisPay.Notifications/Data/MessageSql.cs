namespace AddisPay.Notifications.Data;

/// <summary>
/// The delivery log's statements on <c>notifications.messages</c> (mapped by <see cref="NotificationsDbContext"/> as
/// <see cref="Message"/>): a message is added once per source, channel and recipient (<c>on conflict do nothing</c>), a
/// delivery round leases and reads its batch in one statement (<c>for update skip locked</c>, so replicas share the queue),
/// and a resend answers with the row as it left it (<c>update … returning</c>). EF Core can say none of these; no
/// benchmark measured them.
/// </summary>
internal static class MessageSql
{
    private const string Insert = """
        insert into notifications.messages ("Id", "SourceId", "UserId", "Channel", "Recipient", "Template", "Language", "Promotional",
            "Subject", "Body", "HtmlBody", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
        values (@id, @source, @user, @channel, @recipient, @template, @language, @promotional, @subject, @body, @html, 'queued', 0, @now, @next)
        on conflict ("SourceId", "Channel", "Recipient") do nothing
        """;

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

    /// <summary>The dead message queued again with a fresh set of attempts, as the statement left it; null when it is not dead.</summary>
    public static async Task<Message?> ResendAsync(NotificationsDbContext db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        (await db.Messages.FromSql($"""
            update notifications.messages set "Status" = {MessageStatus.Queued}, "Attempts" = 0, "NextAttemptAt" = {now}
             where "Id" = {id} and "Status" = {MessageStatus.Dead}
            returning *
            """).AsNoTracking().ToListAsync(ct)).SingleOrDefault();
}
