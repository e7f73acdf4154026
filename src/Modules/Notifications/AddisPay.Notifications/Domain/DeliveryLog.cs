using Npgsql;

namespace AddisPay.Notifications.Domain;

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
        return await MessageSql.EnqueueAsync(work, Parameters(m), ct);
    }

    /// <summary>The same, queued to go with the inbox transaction's other writes in one round trip.</summary>
    public void Enqueue(IntegrationEventContext context, OutgoingMessage m) => MessageSql.Enqueue(context, Parameters(m));

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
