using Mediator;

namespace AddisPay.Shared.Contracts;

/// <summary>
/// A platform request addressed to one module by name rather than owned by a module's Contracts assembly: every module's
/// inbox is the platform's, so one contract family serves them all. The platform's handler answers it where that module
/// runs and otherwise posts it to <c>AddisPay:Endpoints:&lt;Module&gt;</c> (<c>/internal/&lt;module&gt;/requests/&lt;Name&gt;</c>),
/// the path every module's Contracts request takes; the receiving pod answers it only for a module it runs.
/// Chosen over one generated contract type per module's Contracts: nine copies of the same records, and a module added
/// later would need its own copies before the back office could see its inbox.
/// </summary>
public interface IModuleAddressed
{
    /// <summary>The module's name as in <c>AddisPay:Modules</c> ("cart", "orders").</summary>
    string Module { get; }
}

/// <summary>
/// The events <see cref="Module"/>'s inbox parked after they failed every attempt, newest first, replayed ones kept for the
/// record. <paramref name="Waiting"/> true lists only those not replayed yet, false only replayed ones, null both.
/// A module that subscribes to no events has an empty list.
/// </summary>
public sealed record ListInboxDeadLetters(string Module, bool? Waiting = null, int Page = 1, int PageSize = 50)
    : IQuery<InboxDeadLetterPage>, IModuleAddressed;

public sealed record InboxDeadLetterPage(string Module, IReadOnlyList<InboxDeadLetter> Items, int Total, int Page, int PageSize);

/// <param name="EventType">The event's module-qualified name (<c>products.product_price_changed</c>).</param>
/// <param name="Error">The last failure, as the handler threw it.</param>
/// <param name="Attempts">Every attempt so far: the inbox's, then one per failed replay.</param>
public sealed record InboxDeadLetter(Guid EventId, long Sequence, string EventType, string Error, int Attempts,
    DateTimeOffset DeadLetteredAt, DateTimeOffset? ReplayedAt, string? ReplayedBy);

/// <summary>
/// Hands a parked event to its handler again, through the inbox's own path: deduplicated by event id (an event the
/// handler already applied is not applied again), in one transaction with the handler's changes and the events it raises.
/// On success the dead letter is marked replayed (kept); on failure it stays parked with one more attempt and the caller
/// gets a <see cref="ConflictException"/> carrying the error. Safe to repeat: a second replay answers
/// <see cref="InboxReplay.AlreadyReplayed"/> and does nothing. <paramref name="ReplayedBy"/> names the staff member.
/// </summary>
public sealed record ReplayInboxDeadLetter(string Module, Guid EventId, string ReplayedBy)
    : ICommand<InboxReplay>, IIdempotentCommand, IModuleAddressed;

/// <param name="AlreadyReplayed">This call did nothing: an earlier replay had already succeeded.</param>
/// <param name="AlreadyApplied">The inbox had applied the event meanwhile (a redelivery): marked replayed without running the handler.</param>
public sealed record InboxReplay(string Module, Guid EventId, bool AlreadyReplayed, bool AlreadyApplied, DateTimeOffset ReplayedAt, string ReplayedBy);

/// <summary>
/// A dashboard's figures for <see cref="Module"/>'s inbox: dead letters waiting for a replay, and the events published but
/// not handled yet (backlog) with the age of the oldest (lag), as <c>/metrics</c> reports them. Cheap: counts only.
/// </summary>
public sealed record GetInboxStatus(string Module) : IQuery<InboxStatus>, IModuleAddressed;

/// <param name="HasInbox">False for a module that subscribes to no events (every figure is then 0).</param>
public sealed record InboxStatus(string Module, bool HasInbox, long DeadLettersWaiting, long Backlog, double LagSeconds);
