using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Notifications.Contracts;

// Staff running promotional campaigns from a back office (another module). The caller checked the staff member's role
// (admin). A campaign is composed as a draft, changed while it is a draft or scheduled, scheduled for a time or now, and
// cancelled until the dispatcher starts it. Field errors come as ValidationFailedException under the names of the API
// (subject, subjectAm, body, bodyAm, categorySlug, sendAt); texts are Liquid ({{ name }} is the customer's name).

/// <summary>
/// A new draft campaign: subject (3–200 characters) and body (3–10,000; blank lines part paragraphs) in English and
/// Amharic, optionally only for past buyers of <paramref name="CategorySlug"/>, optionally planned for
/// <paramref name="SendAt"/> (must be in the future). Nothing goes out until it is scheduled. The same
/// <paramref name="IdempotencyKey"/> again answers the campaign it made (Replayed), so a double submit composes one.
/// </summary>
public sealed record ComposeCampaign(string Subject, string SubjectAm, string Body, string BodyAm, string? CategorySlug, DateTimeOffset? SendAt,
    Guid StaffId, string IdempotencyKey) : ICommand<StaffCampaignChanged>, IIdempotentCommand;

/// <summary>
/// Replaces a draft's or scheduled campaign's texts, audience and send time. Refused with 412
/// (<see cref="PreconditionFailedException"/>) when it changed since <paramref name="ExpectedVersion"/> was read, unless
/// it already is what is asked (a double submit: Replayed); 409 once it started or was cancelled.
/// </summary>
public sealed record ChangeCampaign(Guid CampaignId, uint ExpectedVersion, string Subject, string SubjectAm, string Body, string BodyAm,
    string? CategorySlug, DateTimeOffset? SendAt, Guid StaffId) : ICommand<StaffCampaignChanged>, IIdempotentCommand;

/// <summary>
/// Schedules a draft to go out at <paramref name="SendAt"/> (null: now), or moves a scheduled one. Quiet hours still
/// hold promotional messages: <see cref="StaffCampaign.GoesOutAt"/> says when the first will really leave. 412 on a
/// stale version, 409 once it started or was cancelled; already scheduled for that time: Replayed.
/// </summary>
public sealed record ScheduleCampaign(Guid CampaignId, uint ExpectedVersion, DateTimeOffset? SendAt, Guid StaffId)
    : ICommand<StaffCampaignChanged>, IIdempotentCommand;

/// <summary>Cancels a draft or scheduled campaign: nothing of it goes out. Already cancelled: Replayed. 409 once it started.</summary>
public sealed record CancelCampaign(Guid CampaignId, Guid StaffId) : ICommand<StaffCampaignChanged>, IIdempotentCommand;

/// <summary>Campaigns newest first with their results. Page from 1, page size up to 100.</summary>
public sealed record ListCampaigns(int Page = 1, int PageSize = 25) : IQuery<StaffCampaignPage>;

/// <summary>A campaign with its texts, version and results; null when there is none.</summary>
public sealed record GetCampaignResults(Guid CampaignId) : IQuery<StaffCampaign?>;

/// <summary>The campaign's email in English and Amharic as a customer named <paramref name="Name"/> would get it (the dispatcher's template).</summary>
public sealed record PreviewCampaign(Guid CampaignId, string Name) : IQuery<CampaignPreview>;

public sealed record StaffCampaignPage(IReadOnlyList<StaffCampaign> Items, int Total, int Page, int PageSize);

/// <param name="Status">draft, scheduled, pending (its audience is being written), queued (every message written), cancelled.</param>
/// <param name="SendAt">When staff want it to go out (UTC); null on a draft not planned yet.</param>
/// <param name="GoesOutAt">When its first message may really leave: the send time (or now) moved past quiet hours; null once cancelled.</param>
/// <param name="Version">Send it back with <see cref="ChangeCampaign"/> and <see cref="ScheduleCampaign"/>.</param>
public sealed record StaffCampaign(Guid Id, string Subject, string SubjectAm, string Body, string BodyAm, string? CategorySlug, string Status,
    DateTimeOffset? SendAt, DateTimeOffset? GoesOutAt, bool InQuietHours, uint Version, string? CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ChangedAt, DateTimeOffset? CancelledAt, CampaignResults Results)
{
    public bool Editable => Status is "draft" or "scheduled";
}

/// <param name="Recipients">Messages written to the delivery log for it (opted-in customers of its audience).</param>
/// <param name="Failed">Failed once and will be retried.</param>
/// <param name="Dead">Gave up after every attempt (see the delivery log).</param>
/// <param name="Unsubscribed">Customers who left promotions through this campaign's link.</param>
/// <param name="FinishedAt">When its last message was sent or given up, once none is waiting.</param>
public sealed record CampaignResults(int Recipients, int Queued, int Sent, int Failed, int Dead, int Unsubscribed,
    DateTimeOffset? StartedAt, DateTimeOffset? AudienceCompletedAt, DateTimeOffset? FinishedAt);

public sealed record RenderedCampaignEmail(string Language, string Subject, string Text, string Html);

public sealed record CampaignPreview(RenderedCampaignEmail English, RenderedCampaignEmail Amharic);

/// <summary>The campaign after a staff change and before it (null for a new one), for the caller's audit log.</summary>
public sealed record StaffCampaignChanged(StaffCampaign Campaign, StaffCampaign? Before, bool Replayed);
