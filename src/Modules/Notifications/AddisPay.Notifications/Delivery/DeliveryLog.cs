using AddisPay.Shared.Events;
using Npgsql;

namespace AddisPay.Notifications.Delivery;

/// <summary>A message ready to be written to the delivery log, already rendered in the recipient's language.</summary>
internal sealed record OutgoingMessage(Guid SourceId, Guid? UserId, string Channel, string Recipient, string Template, string Language,
    string? Subject, string Body, string? HtmlBody, bool Promotional = false, DateTimeOffset? NotBefore = null);

/// <summary>Writes messages to the delivery log inside the caller's transaction (the inbox's, or a campaign page's).</summary>
internal sealed class DeliveryLog(QuietHours quietHours, TimeProvider clock)
{
    /// <summary>
    /// Adds the message unless one for the same source, channel and recipient exists (a redelivered event or a
    /// resumed campaign). Promotional messages are held until quiet hours end. Returns whether it was added.
    /// </summary>
    public async Task<bool> EnqueueAsync(UnitOfWork work, OutgoingMessage m, CancellationToken ct)
    {
        await using var cmd = work.Command(Insert);
        foreach (var (name, value) in Parameters(m)) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The same, queued to go with the inbox transaction's other writes in one round trip.</summary>
    public void Enqueue(IntegrationEventContext context, OutgoingMessage m) => context.Defer(Insert, Parameters(m));

    private const string Insert = """
        insert into notifications.messages ("Id", "SourceId", "UserId", "Channel", "Recipient", "Template", "Language", "Promotional",
            "Subject", "Body", "HtmlBody", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
        values (@id, @source, @user, @channel, @recipient, @template, @language, @promotional, @subject, @body, @html, 'queued', 0, @now, @next)
        on conflict ("SourceId", "Channel", "Recipient") do nothing
        """;

    private (string, object?)[] Parameters(OutgoingMessage m)
    {
        var now = clock.GetUtcNow();
        var notBefore = m.NotBefore is { } at && at > now ? at : now;
        if (m.Promotional) notBefore = quietHours.Release(notBefore);
        return
        [
            ("id", Guid.CreateVersion7()), ("source", m.SourceId), ("user", m.UserId), ("channel", m.Channel), ("recipient", m.Recipient),
            ("template", m.Template), ("language", m.Language), ("promotional", m.Promotional), ("subject", m.Subject), ("body", m.Body),
            ("html", m.HtmlBody), ("now", now), ("next", notBefore)
        ];
    }
}
