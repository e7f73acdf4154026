namespace AddisPay.Notifications.Promotions;

/// <summary>A promotional email to everyone who opted in (optionally only past buyers from a category), sent at a bounded rate.</summary>
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
    /// <summary>The last user id whose message was written: where building the audience resumes.</summary>
    public Guid? Cursor { get; set; }
    /// <summary>The next free sending slot; each message takes 60 s / MessagesPerMinute.</summary>
    public DateTimeOffset NextSlotAt { get; set; }
    public int Recipients { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AudienceCompletedAt { get; set; }
}

internal static class CampaignStatus
{
    /// <summary>The audience is still being written to the delivery log.</summary>
    public const string Pending = "pending";
    /// <summary>Every recipient has a message in the delivery log.</summary>
    public const string Queued = "queued";
}

/// <summary>The category path of a published product, from Products' events, to select past buyers of a category.</summary>
internal sealed class ProductCategory
{
    public Guid ProductId { get; set; }
    public string[] CategorySlugs { get; set; } = [];
}
