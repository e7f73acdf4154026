namespace AddisPay.Notifications.Domain;

/// <summary>
/// A promotional email to everyone who opted in (optionally only past buyers from a category), sent at a bounded rate.
/// Staff compose it as a draft, change it while it is a draft or scheduled, schedule it for a time (or now) and may cancel
/// it until the dispatcher starts writing its audience; the API's one-step create starts it at once.
/// </summary>
internal sealed class Campaign
{
    public Guid Id { get; set; }
    public string Subject { get; set; } = "";
    public string SubjectAm { get; set; } = "";
    /// <summary>Liquid text; blank lines separate paragraphs; {{ name }} is the customer's name.</summary>
    public string Body { get; set; } = "";
    public string BodyAm { get; set; } = "";
    /// <summary>Only customers who bought a product from this category (or below it).</summary>
    public string? CategorySlug { get; set; }
    public string Status { get; set; } = CampaignStatus.Pending;
    /// <summary>When staff want it to go out (UTC); null on a draft means "when scheduled". Quiet hours may hold it longer.</summary>
    public DateTimeOffset? SendAt { get; set; }
    /// <summary>PostgreSQL's xmin: a staff edit made on an older read is refused (412).</summary>
    public uint Version { get; set; }
    /// <summary>The form's key of the compose that made it: a double submit finds this campaign instead of making another.</summary>
    public string? RequestKey { get; set; }
    /// <summary>The last user id whose message was written: where building the audience resumes.</summary>
    public Guid? Cursor { get; set; }
    /// <summary>The next free sending slot; each message takes 60 s / MessagesPerMinute.</summary>
    public DateTimeOffset NextSlotAt { get; set; }
    public int Recipients { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    /// <summary>When the dispatcher began writing its audience: from then on it can no longer be changed or cancelled.</summary>
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? AudienceCompletedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}

internal static class CampaignStatus
{
    /// <summary>Composed by staff, not yet scheduled: nothing goes out.</summary>
    public const string Draft = "draft";
    /// <summary>Waits for its send time; the dispatcher starts it then.</summary>
    public const string Scheduled = "scheduled";
    /// <summary>The audience is still being written to the delivery log.</summary>
    public const string Pending = "pending";
    /// <summary>Every recipient has a message in the delivery log.</summary>
    public const string Queued = "queued";
    /// <summary>Stopped by staff before it started: nothing went out.</summary>
    public const string Cancelled = "cancelled";

    public static bool Editable(string status) => status is Draft or Scheduled;
}

/// <summary>A customer who left promotions through the link of this campaign's email (its effect, for the results).</summary>
internal sealed class CampaignUnsubscribe
{
    public Guid CampaignId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The category path of a published product, from Products' events, to select past buyers of a category.</summary>
internal sealed class ProductCategory
{
    public Guid ProductId { get; set; }
    public string[] CategorySlugs { get; set; } = [];
}

/// <summary>
/// A campaign's email in one language, as the dispatcher writes it to the delivery log and as staff preview it: the
/// same template, so the preview is what customers get.
/// </summary>
internal static class CampaignMail
{
    public static RenderedEmail Render(MessageTemplates templates, Campaign campaign, string language, string name, string? unsubscribeUrl)
    {
        var content = language == "am"
            ? new EmailContent(campaign.SubjectAm, Paragraphs(campaign.BodyAm), null)
            : new EmailContent(campaign.Subject, Paragraphs(campaign.Body), null);
        return templates.Email(content, language, new Dictionary<string, object?> { ["name"] = name }, null, unsubscribeUrl);
    }

    private static string[] Paragraphs(string body) =>
        body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
