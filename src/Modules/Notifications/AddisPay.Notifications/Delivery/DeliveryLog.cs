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
    public async Task<bool> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, OutgoingMessage m, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var notBefore = m.NotBefore is { } at && at > now ? at : now;
        if (m.Promotional) notBefore = quietHours.Release(notBefore);
        await using var cmd = new NpgsqlCommand("""
            insert into notifications.messages ("Id", "SourceId", "UserId", "Channel", "Recipient", "Template", "Language", "Promotional",
                "Subject", "Body", "HtmlBody", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
            values (@id, @source, @user, @channel, @recipient, @template, @language, @promotional, @subject, @body, @html, 'queued', 0, @now, @next)
            on conflict ("SourceId", "Channel", "Recipient") do nothing
            """, connection, transaction);
        cmd.Parameters.AddWithValue("id", Guid.CreateVersion7());
        cmd.Parameters.AddWithValue("source", m.SourceId);
        cmd.Parameters.AddWithValue("user", (object?)m.UserId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("channel", m.Channel);
        cmd.Parameters.AddWithValue("recipient", m.Recipient);
        cmd.Parameters.AddWithValue("template", m.Template);
        cmd.Parameters.AddWithValue("language", m.Language);
        cmd.Parameters.AddWithValue("promotional", m.Promotional);
        cmd.Parameters.AddWithValue("subject", (object?)m.Subject ?? DBNull.Value);
        cmd.Parameters.AddWithValue("body", m.Body);
        cmd.Parameters.AddWithValue("html", (object?)m.HtmlBody ?? DBNull.Value);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("next", notBefore);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }
}
