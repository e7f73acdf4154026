namespace AddisPay.Notifications.Domain;

/// <summary>
/// One message to one recipient on one channel: the delivery log. It is written (rendered) when the cause
/// happens and sent from here by <see cref="DeliveryWorker"/>, so a failure never loses it.
/// </summary>
internal sealed class Message
{
    public Guid Id { get; set; }
    /// <summary>The integration event or campaign the message comes from: unique with channel and recipient.</summary>
    public Guid SourceId { get; set; }
    public Guid? UserId { get; set; }
    public string Channel { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Template { get; set; } = "";
    public string Language { get; set; } = "en";
    public bool Promotional { get; set; }
    public string? Subject { get; set; }
    public string Body { get; set; } = "";
    public string? HtmlBody { get; set; }
    public string Status { get; set; } = MessageStatus.Queued;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public string? ProviderMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Not sent before this time: retries back off, promotions wait out quiet hours and the campaign rate.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

internal static class MessageStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    /// <summary>The last attempt failed; another follows after a backoff.</summary>
    public const string Failed = "failed";
    /// <summary>Gave up after the maximum attempts; an admin may resend it.</summary>
    public const string Dead = "dead";
    public static readonly string[] All = [Queued, Sent, Failed, Dead];
}
