using AddisPay.Shared.Contracts;
using Marten;
using Marten.Services;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// The unit of work of a module with a Marten document store (Cart): the handler changes documents in <see cref="Session"/>
/// and raises integration events; completing it appends the events in the batch the session sends at SaveChanges, so the
/// documents and the events commit together in one round trip. Marten's SaveChanges is the transaction: a use case that
/// must see a version conflict to retry it saves inside (<see cref="FlushAsync"/>) and on a conflict starts over on a fresh
/// session (<see cref="AbandonAsync"/>). Inside an inbox the session works in the inbox's transaction.
/// </summary>
public sealed class DocumentWork<TStore>(TStore store, EventLog log) : UnitOfWork, IAsyncDisposable where TStore : IDocumentStore
{
    private readonly List<IntegrationEvent> _raised = [];
    private IDocumentSession? _session;
    private IntegrationEventContext? _inbox;

    /// <summary>The session of this unit of work, opened on first use (in the inbox's transaction inside an inbox).</summary>
    public IDocumentSession Session => _session ??= _inbox is null
        ? store.LightweightSession()
        : store.LightweightSession(SessionOptions.ForTransaction(_inbox.Transaction));

    /// <summary>Events raised so far and not yet appended, in order.</summary>
    public IReadOnlyList<IntegrationEvent> Raised => _raised;

    /// <inheritdoc cref="ModuleWork{TContext}.Raise(IntegrationEvent)"/>
    public void Raise(IntegrationEvent @event) => _raised.Add(@event);

    /// <inheritdoc cref="ModuleWork{TContext}.Raise(IntegrationEvent)"/>
    public void Raise(IEnumerable<IntegrationEvent> events) => _raised.AddRange(events);

    /// <summary>Saves the session's changes with the events raised so far now (one round trip), and ends the session.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_session is null && _raised.Count == 0) return;
        log.Publish(Session, _raised);
        _raised.Clear();
        await Session.SaveChangesAsync(ct);
        await EndSessionAsync();
    }

    public override Task CompleteAsync(CancellationToken ct) => FlushAsync(ct);

    public override async Task AbandonAsync()
    {
        _raised.Clear();
        await EndSessionAsync();
    }

    /// <summary>Only inside an inbox, where the session shares the inbox's connection: documents need no SQL of their own elsewhere.</summary>
    public override NpgsqlCommand Command(string sql) => _inbox is { } inbox
        ? new NpgsqlCommand(sql, inbox.Connection, inbox.Transaction)
        : throw new NotSupportedException("A document session runs its own SQL with QueueSqlCommand, in the batch it saves.");

    internal override void Join(IntegrationEventContext inbox) => _inbox = inbox;

    private async Task EndSessionAsync()
    {
        if (_session is null) return;
        await _session.DisposeAsync();
        _session = null;
    }

    public ValueTask DisposeAsync() => new(EndSessionAsync());
}
