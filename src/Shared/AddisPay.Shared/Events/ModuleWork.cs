using AddisPay.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// What the platform drives around a use case: the command pipeline (<see cref="Messaging.UnitOfWorkBehavior{TMessage, TResponse}"/>)
/// and a module's inbox (<see cref="ModuleInbox"/>). Handlers see the module's own kind (<see cref="ModuleWork{TContext}"/>).
/// </summary>
public abstract class UnitOfWork
{
    private int _depth;

    /// <summary>A command of the module starts; one sent from inside another of the same module's commands joins its work.</summary>
    internal void Enter() => _depth++;

    /// <summary>True for the outermost command: only it completes or abandons the work.</summary>
    internal bool Leave() => --_depth == 0;

    /// <summary>
    /// Saves what the use case changed and appends what it raised in one transaction and commits it; inside a module's
    /// inbox, in the inbox's transaction (which commits after the handler). Code outside Mediator (a periodic job, the
    /// demo data, a webhook) calls it itself. A command's handler leaves it to the pipeline, unless it must keep its change
    /// and still refuse (a revoked session) or give something back elsewhere if the commit fails (a placed order's stock hold).
    /// </summary>
    public abstract Task CompleteAsync(CancellationToken ct);

    /// <summary>Rolls back what the use case did: no change is saved and no event appended. The work is usable again.</summary>
    public abstract Task AbandonAsync();

    /// <summary>SQL beyond the ORM, in the work's transaction (begun first).</summary>
    public abstract NpgsqlCommand Command(string sql);

    /// <summary>Makes the work part of an inbox transaction: the inbox owns the transaction and commits it.</summary>
    internal abstract void Join(IntegrationEventContext inbox);
}

/// <summary>
/// The unit of work of a module with relational data (one per request or inbox event, scoped): the handler changes
/// entities of <see cref="Db"/> and raises integration events (<see cref="Raise(IntegrationEvent)"/>); the command
/// pipeline then saves the changes and appends the events in one PostgreSQL transaction, or, if the handler throws,
/// keeps nothing of either. A handler that needs row locks or reads for update starts the transaction first
/// (<see cref="BeginAsync"/>) and runs its SQL with <see cref="Command"/> or <see cref="Batch"/>; a write that can wait
/// for the end travels with the events in the last round trip (<see cref="Defer"/>). No handler sees a transaction.
/// </summary>
public sealed class ModuleWork<TContext>(IServiceProvider services, EventLog log) : UnitOfWork, IAsyncDisposable where TContext : DbContext
{
    // The request's context, leased on first use: every inbox event of the module gets a unit of work, and most of its
    // handlers need only the inbox's connection.
    private TContext? _db;
    private TContext RequestDb => _db ??= services.GetRequiredService<TContext>();

    private readonly List<IntegrationEvent> _raised = [];
    private readonly List<NpgsqlBatchCommand> _deferred = [];
    private IDbContextTransaction? _transaction;
    private IntegrationEventContext? _inbox;
    private TContext? _enlisted;

    /// <summary>The module's context: the request's, or inside an inbox one working in the inbox's transaction.</summary>
    public TContext Db => _inbox is null ? RequestDb : _enlisted ??= IntegrationEventContextExtensions.Enlist<TContext>(_inbox);

    /// <summary>Events raised so far and not yet appended, in order.</summary>
    public IReadOnlyList<IntegrationEvent> Raised => _raised;

    /// <summary>Whether a transaction is open (begun by <see cref="BeginAsync"/>, or the inbox's).</summary>
    public bool InTransaction => _inbox is not null || _transaction is not null;

    /// <summary>Appends <paramref name="event"/> when the work completes, in the same transaction as the changes.</summary>
    public void Raise(IntegrationEvent @event) => _raised.Add(@event);

    /// <inheritdoc cref="Raise(IntegrationEvent)"/>
    public void Raise(IEnumerable<IntegrationEvent> events) => _raised.AddRange(events);

    /// <summary>
    /// Starts the transaction now, for a use case that locks rows or reads for update before it changes them. Npgsql
    /// sends the BEGIN with the next statement, so this costs no round trip. Inside an inbox the transaction is already open.
    /// </summary>
    public async Task BeginAsync(CancellationToken ct)
    {
        if (InTransaction) return;
        _transaction = await RequestDb.Database.BeginTransactionAsync(ct);
    }

    /// <summary>SQL beyond the ORM, in the work's transaction (<see cref="BeginAsync"/> first).</summary>
    public override NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction ?? throw NotBegun());

    /// <summary>A batch (one round trip) in the work's transaction (<see cref="BeginAsync"/> first).</summary>
    public NpgsqlBatch Batch() => new(Connection, Transaction ?? throw NotBegun());

    private static InvalidOperationException NotBegun() => new("SQL of a unit of work runs in its transaction: BeginAsync first.");

    /// <summary>
    /// A batch in the work's transaction already holding the queued writes and the events raised so far (they leave the
    /// work): for a last statement whose answer the use case reads (a receipt's number), which they travel ahead of.
    /// </summary>
    public NpgsqlBatch BatchWithQueued()
    {
        var batch = Batch();
        foreach (var command in _deferred) batch.BatchCommands.Add(command);
        if (_raised.Count > 0) batch.BatchCommands.Add(log.AppendCommand(_raised));
        _deferred.Clear();
        _raised.Clear();
        return batch;
    }

    /// <summary>
    /// Queues a write to run when the work completes, in the round trip that appends the events (or, in an inbox, with its
    /// queued writes): for a write that must go last anyway and needs no answer.
    /// </summary>
    public void Defer(NpgsqlBatchCommand command) => _deferred.Add(command);

    /// <summary>
    /// Saves the changes, sends the queued writes and appends the events raised so far now, inside the transaction (begun if
    /// it was not), which still commits at the end: for a use case that turns a failure of the save into its own answer (a
    /// concurrent change into a 409, a taken key into the first request's result). Same round trips as at the end.
    /// </summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_inbox is not null)
        {
            if (_enlisted is not null) await _enlisted.SaveChangesAsync(ct);
            MoveToInbox(_inbox);
            await _inbox.FlushAsync(ct);
            return;
        }
        await BeginAsync(ct);
        await RequestDb.SaveChangesAsync(ct);
        await SendQueuedAsync(ct);
    }

    // In an inbox, the inbox's own connection: SQL needs no context leased for it.
    private NpgsqlConnection Connection => _inbox?.Connection ?? (NpgsqlConnection)RequestDb.Database.GetDbConnection();

    private NpgsqlTransaction? Transaction => _inbox?.Transaction ?? (NpgsqlTransaction?)_transaction?.GetDbTransaction();

    public override async Task CompleteAsync(CancellationToken ct)
    {
        if (_inbox is not null)
        {
            if (_enlisted is not null) await _enlisted.SaveChangesAsync(ct);
            MoveToInbox(_inbox);
            return;
        }
        if (_transaction is null && _raised.Count == 0 && _deferred.Count == 0)
        {
            // Nothing to append: EF Core's own transaction around the save is the whole unit (and no save, no round trip).
            await RequestDb.SaveChangesAsync(ct);
            return;
        }
        try
        {
            await BeginAsync(ct);
            await RequestDb.SaveChangesAsync(ct);
            await SendQueuedAsync(ct);
            await _transaction!.CommitAsync(ct);
        }
        finally
        {
            await EndTransactionAsync();
        }
    }

    public override async Task AbandonAsync()
    {
        _raised.Clear();
        _deferred.Clear();
        if (_inbox is not null)
        {
            // The inbox rolls its transaction back; what the enlisted context tracked is forgotten with it.
            _enlisted?.ChangeTracker.Clear();
            return;
        }
        if (_transaction is not null) await _transaction.RollbackAsync(CancellationToken.None);
        await EndTransactionAsync();
        _db?.ChangeTracker.Clear();
    }

    internal override void Join(IntegrationEventContext inbox) => _inbox = inbox;

    /// <summary>The writes queued and the events raised, in one round trip: the append batched with the writes, as before the unit of work.</summary>
    private async Task SendQueuedAsync(CancellationToken ct)
    {
        if (_deferred.Count == 0 && _raised.Count == 0) return;
        await using var batch = BatchWithQueued();
        await batch.ExecuteNonQueryAsync(ct);
    }

    private void MoveToInbox(IntegrationEventContext inbox)
    {
        foreach (var command in _deferred) inbox.Deferred.Add(command);
        log.Publish(inbox, _raised);
        _deferred.Clear();
        _raised.Clear();
    }

    private async Task EndTransactionAsync()
    {
        if (_transaction is null) return;
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        await EndTransactionAsync();
        if (_enlisted is not null) await _enlisted.DisposeAsync();
        _enlisted = null;
    }
}
