using AddisPay.Shared.Contracts;
using Mediator;

namespace AddisPay.Notifications.Contracts;

/// <summary>An entry of the delivery log as staff see it (without the body, which may hold a customer's link token).</summary>
/// <param name="Status">queued, sent, failed (retrying) or dead (gave up after its attempts; may be resent).</param>
public sealed record MessageView(Guid Id, Guid SourceId, Guid? UserId, string Channel, string Recipient, string Template, string Language,
    bool Promotional, string? Subject, string Status, int Attempts, string? LastError, string? ProviderMessageId,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt);

public sealed record MessagePage(IReadOnlyList<MessageView> Items, int Total, int Page, int PageSize);

/// <summary>
/// The delivery log, newest first, for staff: optionally only one status (queued, sent, failed, dead), one recipient
/// (address or phone, exactly) and messages created from <paramref name="From"/> (inclusive) until <paramref name="To"/>
/// (exclusive). Page from 1, page size up to 200. Answers what <c>GET /api/notifications/messages</c> answers.
/// </summary>
public sealed record ListMessages(string? Status = null, string? Recipient = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Page = 1, int PageSize = 50) : IQuery<MessagePage>;

/// <summary>
/// Queues a dead message again with a fresh set of attempts. Safe to repeat: only a dead message is requeued, so a
/// repeat never sends it twice; it answers 409 (reason <c>notifications.not-dead</c>, with the status) once the first
/// took effect. 404 for an unknown message.
/// </summary>
public sealed record ResendMessage(Guid MessageId) : ICommand<MessageView>, IIdempotentCommand;
