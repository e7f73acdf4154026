using System.Text.Json;
using AddisPay.Shared.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>A module's inbox as this process runs it: where its tables are and which events it handles, by name.</summary>
public sealed record InboxRegistration(string Module, string ConnectionString, IReadOnlyDictionary<string, Type> EventTypes, InboxDescriptor Descriptor);

/// <summary>The inboxes of the modules this process runs.</summary>
public sealed class InboxCatalogue(string eventLogConnectionString)
{
    private readonly Dictionary<string, InboxRegistration> _inboxes = new(StringComparer.OrdinalIgnoreCase);

    public string EventLogConnectionString { get; } = eventLogConnectionString;

    internal void Add(InboxRegistration inbox) => _inboxes[inbox.Module] = inbox;

    public InboxRegistration? Of(string module) => _inboxes.GetValueOrDefault(module);

    public IReadOnlyCollection<string> Modules => _inboxes.Keys;
}

/// <summary>
/// Lists a module's parked events and replays one through the inbox's own path (<see cref="ModuleInbox.HandleMarkedAsync"/>):
/// the dead letter is locked, the event marked in the inbox table (an event a redelivery applied meanwhile is not applied
/// again), the handler run in the same transaction as its unit of work's changes and outbox, and the dead letter marked
/// replayed, all committed together. A failure rolls all of it back and leaves the dead letter parked, one attempt more.
/// </summary>
public sealed class InboxDeadLetters(InboxCatalogue catalogue, IServiceProvider services, ILogger<InboxDeadLetters> logger)
{
    public async Task<InboxDeadLetterPage> ListAsync(ListInboxDeadLetters query, CancellationToken ct)
    {
        if (catalogue.Of(query.Module) is not { } inbox) return new InboxDeadLetterPage(query.Module, [], 0, query.Page, query.PageSize);
        var (items, total) = await DeadLetterSql.ListAsync(inbox.ConnectionString, inbox.Module, query.Waiting, query.Page, query.PageSize, ct);
        return new InboxDeadLetterPage(inbox.Module, items, total, query.Page, query.PageSize);
    }

    public async Task<InboxStatus> StatusAsync(string module, CancellationToken ct)
    {
        if (catalogue.Of(module) is not { } inbox) return new InboxStatus(module, false, 0, 0, 0);
        var status = await SubscriptionMonitor.ReadAsync(catalogue.EventLogConnectionString, inbox.Descriptor, ct);
        return new InboxStatus(inbox.Module, true, status.DeadLetters, status.Backlog, status.LagSeconds);
    }

    public async Task<InboxReplay> ReplayAsync(ReplayInboxDeadLetter command, CancellationToken ct)
    {
        var inbox = catalogue.Of(command.Module) ?? throw new NotFoundException($"Module '{command.Module}' has no inbox, so no dead letters.");
        await using var conn = new NpgsqlConnection(inbox.ConnectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var parked = await DeadLetterSql.LockAsync(conn, tx, inbox.Module, command.EventId, ct)
            ?? throw new NotFoundException($"The {inbox.Module} inbox has no dead letter {command.EventId}.");
        if (parked.ReplayedAt is { } replayedAt)
            return new InboxReplay(inbox.Module, command.EventId, AlreadyReplayed: true, AlreadyApplied: false, replayedAt, parked.ReplayedBy ?? "");
        if (!inbox.EventTypes.TryGetValue(parked.EventType, out var type))
            throw new ConflictException($"The {inbox.Module} inbox no longer handles {parked.EventType}; nothing can replay it.")
                { Reason = Refusal.Of("inbox.not-handled", ("eventType", parked.EventType)) };

        bool applied;
        try
        {
            var data = (IntegrationEvent)JsonSerializer.Deserialize(parked.Payload, type)!;
            // The inbox's deduplication: a redelivery (after a crash) may have applied the event since it was parked.
            applied = !await ModuleInbox.MarkAsync(inbox.Module, conn, tx, command.EventId, parked.Sequence, parked.EventType, ct);
            if (!applied) await ModuleInbox.HandleMarkedAsync(services, inbox.Module, conn, tx, data, parked.Sequence, parked.Attempts + 1, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            await tx.RollbackAsync(CancellationToken.None);
            logger.LogWarning(ex, "Replaying dead letter {EventId} ({EventType}) of {Module} failed", command.EventId, parked.EventType, inbox.Module);
            await DeadLetterSql.RecordFailedReplayAsync(inbox.ConnectionString, inbox.Module, command.EventId, ex.ToString(), CancellationToken.None);
            throw new ConflictException($"The replay failed and the event stays parked: {ex.Message}")
                { Reason = Refusal.Of("inbox.replay-failed", ("eventType", parked.EventType), ("error", ex.Message)) };
        }
        var at = await DeadLetterSql.MarkReplayedAsync(conn, tx, inbox.Module, command.EventId, command.ReplayedBy, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Dead letter {EventId} ({EventType}) of {Module} replayed by {ReplayedBy}", command.EventId, parked.EventType,
            inbox.Module, command.ReplayedBy);
        return new InboxReplay(inbox.Module, command.EventId, AlreadyReplayed: false, AlreadyApplied: applied, at, command.ReplayedBy);
    }
}
