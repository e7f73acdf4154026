using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Reviews.Contracts;

// Staff moderating reviews from a back office (another module): the moderation API's use cases as Contracts. The caller
// checked the staff member's role (admins and support).

/// <summary>
/// The moderation queue, oldest first: <c>open</c> is every review waiting for a decision (pending, reported away, or still
/// shown with open reports below the threshold), <c>hidden</c> the ones taken down. Page from 1, page size 1–100.
/// </summary>
public sealed record ListModerationQueue(string Queue = ModerationQueues.Open, int Page = 1, int PageSize = 25) : IQuery<ModerationQueuePage>;

public static class ModerationQueues
{
    public const string Open = "open";
    public const string Hidden = "hidden";
    public static readonly string[] All = [Open, Hidden];
}

public sealed record ModerationQueuePage(IReadOnlyList<ReviewToModerate> Items, int Page, int PageSize, int Total);

/// <param name="Status">published, pending, reported or hidden.</param>
/// <param name="Reports">The open reports (not yet dealt with by a moderator), oldest first.</param>
/// <param name="HiddenReason">Why a moderator hid it, while it is hidden; null otherwise.</param>
public sealed record ReviewToModerate(Guid ReviewId, Guid ProductId, Guid AuthorId, int Rating, string Title, string Text, string Language,
    string Status, IReadOnlyList<ReviewReportView> Reports, DateTimeOffset UpdatedAt, DateTimeOffset? ModeratedAt, string? ModeratedBy,
    string? HiddenReason = null);

public sealed record ReviewReportView(string Reason, string? Note, DateTimeOffset At);

/// <summary>
/// A moderator's decision on a review: <c>approve</c> or <c>restore</c> publishes it (a pending one is approved, a reported or
/// hidden one shown again), <c>hide</c> takes it down (it leaves the product page and its rating). Its open reports are dealt
/// with either way. <paramref name="ModeratedBy"/> names the staff member. Deciding what is already decided changes nothing:
/// retry-safe. NotFoundException for an unknown review; an unknown decision is a field error on "decision".
/// </summary>
/// <param name="Reason">Why it is hidden (at most 300 characters), kept with the review while it stays hidden; ignored otherwise.</param>
public sealed record ModerateReview(Guid ReviewId, string Decision, string ModeratedBy, string? Reason = null) : ICommand<ReviewToModerate>, IIdempotentCommand;

public static class ModerationDecisions
{
    public const string Approve = "approve";
    public const string Hide = "hide";
    public const string Restore = "restore";
    public static readonly string[] All = [Approve, Hide, Restore];
}
