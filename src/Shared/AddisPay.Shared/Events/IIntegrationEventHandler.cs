using Microsoft.EntityFrameworkCore;
using AddisPay.Shared.Contracts;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>Handles one integration event inside the subscribing module.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    /// <summary>
    /// Make every change through the module's unit of work (<see cref="ModuleWork{TContext}"/>, <see cref="DocumentWork{TStore}"/>),
    /// which joins the inbox's transaction: it also records the event as processed, so the change, the events it raises
    /// and the deduplication mark commit or roll back together.
    /// </summary>
    Task HandleAsync(TEvent @event, IntegrationEventContext context, CancellationToken ct);
}

public sealed record IntegrationEventContext(
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    long Sequence,
    int Attempt)
{
    /// <summary>Shared by every event of one inbox transaction.</summary>
    internal DeferredWrites Deferred { get; init; } = new();

    /// <summary>
    /// Every event handled in this inbox transaction, in log order, this one among them (only this one when events are
    /// handled one by one). See <see cref="OncePerRunAsync{T}"/>.
    /// </summary>
    public IReadOnlyList<IntegrationEvent> Run { get; init; } = [];

    /// <summary>Shared by every event of one inbox transaction, like <see cref="Deferred"/>.</summary>
    internal Dictionary<string, object> RunResults { get; init; } = [];

    /// <summary>
    /// Fetches something for all the events of <see cref="Run"/> the first time a handler asks, and gives the later events
    /// of the run the same result: a lookup per event (a customer's contact for each order email) becomes one per transaction.
    /// Under load a run holds tens of events. The result is as fresh as a per-event lookup would be: every event of the run
    /// was published before it is fetched.
    /// </summary>
    public async Task<T> OncePerRunAsync<T>(string key, Func<IReadOnlyList<IntegrationEvent>, Task<T>> fetch) where T : notnull
    {
        if (RunResults.TryGetValue(key, out var known)) return (T)known;
        var result = await fetch(Run);
        RunResults[key] = result;
        return result;
    }

    /// <summary>
    /// Queues a write (one statement) to run just before the inbox commits, in the order queued, in one round trip with
    /// the other queued writes of the transaction, which under load holds many events. The queue is flushed before every
    /// handler not marked <see cref="IDefersWrites"/>, so a handler sees what the ones before it wrote; one that reads
    /// what is still queued (its own writes included) calls <see cref="FlushAsync"/> first.
    /// </summary>
    public void Defer(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        Deferred.Add(command);
    }

    /// <summary>Runs the queued writes now: a deferring handler calls it before reading what they change.</summary>
    public Task FlushAsync(CancellationToken ct) => Deferred.FlushAsync(Connection, Transaction, ct);
}

/// <summary>
/// Marks a handler whose writes may wait until the inbox commits (<see cref="IntegrationEventContext.Defer"/>). Before a
/// handler without the mark runs, the queued writes are flushed, so it reads everything written before it; a marked
/// handler that reads what queued writes change calls <see cref="IntegrationEventContext.FlushAsync"/> first.
/// </summary>
public interface IDefersWrites;

internal sealed class DeferredWrites
{
    private NpgsqlBatch? _batch;

    public void Add(NpgsqlBatchCommand command) => (_batch ??= new NpgsqlBatch()).BatchCommands.Add(command);

    public async Task FlushAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (_batch is not { } batch) return;
        _batch = null;
        await using (batch)
        {
            batch.Connection = connection;
            batch.Transaction = transaction;
            await batch.ExecuteNonQueryAsync(ct);
        }
    }
}

public static class IntegrationEventContextExtensions
{
    /// <summary>
    /// A module's EF Core context working inside the inbox transaction, so the handler's changes and the
    /// event's deduplication mark commit together. Dispose it when done; the connection stays open.
    /// </summary>
    public static async Task<TContext> EnlistAsync<TContext>(this IntegrationEventContext context, CancellationToken ct) where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        var db = Enlisted<TContext>.Pool.CreateDbContext();
        db.Database.SetDbConnection(context.Connection);
        await db.Database.UseTransactionAsync(context.Transaction, ct);
        return db;
    }

    /// <summary>As <see cref="EnlistAsync{TContext}"/>, for the unit of work of a handler (<see cref="ModuleWork{TContext}"/>).</summary>
    internal static TContext Enlist<TContext>(IntegrationEventContext context) where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        var db = Enlisted<TContext>.Pool.CreateDbContext();
        db.Database.SetDbConnection(context.Connection);
        db.Database.UseTransaction(context.Transaction);
        return db;
    }

    // Pooled, like the contexts requests get: a context built per event set up EF Core's internal services for
    // itself each time, 2% of the Host's CPU under the checkout benchmark. Each lease is handed the inbox's
    // connection and transaction; returning it to the pool forgets both (neither is the context's to close).
    private static class Enlisted<TContext> where TContext : Microsoft.EntityFrameworkCore.DbContext
    {
        public static readonly Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<TContext> Pool = new(
            new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<TContext>().UseNpgsql()
                .AddInterceptors(Data.WithoutSavepoints.Instance).Options);
    }
}
