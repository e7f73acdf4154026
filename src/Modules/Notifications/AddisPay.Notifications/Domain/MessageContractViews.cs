using AddisPay.Notifications.Contracts;

namespace AddisPay.Notifications.Domain;

/// <summary>The delivery log as the back office reads it through Contracts (the list and a resend answer the same shape).</summary>
internal static class MessageContractViews
{
    public static MessageView ToView(this Message m) => new(m.Id, m.SourceId, m.UserId, m.Channel, m.Recipient, m.Template, m.Language, m.Promotional,
        m.Subject, m.Status, m.Attempts, m.LastError, m.ProviderMessageId, m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.SentAt);
}
