using System.Text.Json;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Modules;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// A module's inbox: one Marten async-daemon subscription per subscribing module. Marten keeps its
/// position durably and hands it events in global sequence order (so in order per stream); it runs on
/// one node at a time (HotCold) and resumes from the last committed position after a crash. Because a
/// page may be redelivered after a crash, every handler run is deduplicated by event id in the module's
/// own `inbox` table, in the same transaction as the handler's changes.
/// </summary>
public sealed class ModuleInbox : SubscriptionBase
{
    private readonly string _module;
    private readonly string _connectionString;
    private readonly IServiceProvider _services;
    private readonly InboxPolicy _policy;
    private readonly ILogger _logger;
    private readonly int _lanes;

    /// <param name="lanes">
    /// How many runs of events may be handled at once, events of one stream always in the same run and in order
    /// (see <see cref="ModuleRegistration.HandleStreamsConcurrently"/>); 1 handles the whole log in order.
    /// </param>
    public ModuleInbox(string module, string connectionString, IReadOnlyCollection<Type> eventTypes, IServiceProvider services, InboxPolicy policy,
        int lanes = 1)
    {
        _module = module;
        _lanes = Math.Max(1, lanes);
        _connectionString = connectionString;
        _services = services;
        _policy = policy;
        _logger = services.GetRequiredService<ILoggerFactory>().CreateLogger($"AddisPay.Events.Inbox.{module}");
        Name = SubscriptionName(module);
        foreach (var t in eventTypes) IncludeType(t);
        Options.BatchSize = 200;
    }

    public static string SubscriptionName(string module) => $"{module}-inbox";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var events = page.Events.Where(e => e.Data is IntegrationEvent).ToList();
        if (_lanes > 1 && events.Count > 1)
            await Task.WhenAll(IntoLanes(events, e => ((IntegrationEvent)e.Data).StreamId, _lanes).Select(lane => DeliverInOrderAsync(lane, cancellationToken)));
        else
            await DeliverInOrderAsync(events, cancellationToken);
        return NullChangeListener.Instance;
    }

    /// <summary>Splits a page into at most <paramref name="lanes"/> runs: a stream's events all in one run, in the page's order.</summary>
    internal static List<List<T>> IntoLanes<T>(IReadOnlyList<T> events, Func<T, Guid> streamOf, int lanes)
    {
        var runs = new List<T>?[lanes];
        foreach (var e in events)
        {
            // Guid's hash XORs its four ints, which leaves the low bits to four single bytes: fold the rest in.
            var hash = (uint)streamOf(e).GetHashCode();
            hash ^= hash >> 16;
            hash ^= hash >> 8;
            var lane = (int)(hash % (uint)lanes);
            (runs[lane] ??= []).Add(e);
        }
        return runs.Where(r => r is not null).ToList()!;
    }

    private async Task DeliverInOrderAsync(List<IEvent> events, CancellationToken ct)
    {
        for (var start = 0; start < events.Count; start += BatchLimit)
        {
            var batch = events.GetRange(start, Math.Min(BatchLimit, events.Count - start));
            if (batch.Count > 1 && await TryDeliverTogetherAsync(batch, ct)) continue;
            foreach (var e in batch) await DeliverAsync(e, (IntegrationEvent)e.Data, ct);
        }
    }

    /// <summary>Events handled in one transaction at most: enough to save most of the per-event round trips, few enough that no lock is held long.</summary>
    private const int BatchLimit = 50;

    /// <summary>
    /// Handles a run of events in one transaction, in order, with one deduplication statement: under load a page
    /// holds many events, and a transaction each cost more round trips than the handlers' own work. If any
    /// handler fails, nothing of the run is kept and the events go through <see cref="DeliverAsync"/> one by one,
    /// with retries and dead letters, so a poison event still stops only itself. Handlers already had to be safe
    /// to run again (a crash before commit re-delivers the event), which is what makes this fallback sound. Writes the
    /// handlers queued (<see cref="IDefersWrites"/>) go in one round trip just before the commit.
    /// </summary>
    private async Task<bool> TryDeliverTogetherAsync(List<IEvent> events, CancellationToken ct)
    {
        var outcomes = new List<(string Alias, string Outcome)>(events.Count);
        try
        {
            await using var conn = new NpgsqlConnection(_connectionString);
            await conn.OpenAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var fresh = new HashSet<Guid>();
            var deferred = new DeferredWrites();
            var run = events.Select(e => (IntegrationEvent)e.Data).ToList();
            var runResults = new Dictionary<string, object>();
            await using (var mark = new NpgsqlCommand($"""
                insert into "{_module}".inbox (event_id, sequence, event_type)
                select * from unnest(@ids, @sequences, @types) on conflict do nothing returning event_id
                """, conn, tx))
            {
                mark.Parameters.AddWithValue("ids", events.Select(e => ((IntegrationEvent)e.Data).EventId).ToArray());
                mark.Parameters.AddWithValue("sequences", events.Select(e => e.Sequence).ToArray());
                mark.Parameters.AddWithValue("types", events.Select(e => e.EventTypeName).ToArray());
                await using var reader = await mark.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) fresh.Add(reader.GetGuid(0));
            }
            foreach (var e in events)
            {
                var data = (IntegrationEvent)e.Data;
                var alias = EventLog.AliasOf(data.GetType());
                if (!fresh.Remove(data.EventId)) { outcomes.Add((alias, "duplicate")); continue; }
                await using var scope = _services.CreateAsyncScope();
                await Invoker(data.GetType())(scope.ServiceProvider, _module, data, new IntegrationEventContext(conn, tx, e.Sequence, 1) { Deferred = deferred, Run = run, RunResults = runResults }, ct);
                outcomes.Add((alias, "processed"));
            }
            await deferred.FlushAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            _logger.LogInformation(ex, "A run of {Count} events failed together in {Subscription}; handling them one by one", events.Count, Name);
            return false;
        }
        foreach (var (alias, outcome) in outcomes) EventMetrics.Handled.WithLabels(Name, alias, outcome).Inc();
        return true;
    }

    private async Task DeliverAsync(IEvent e, IntegrationEvent data, CancellationToken ct)
    {
        var alias = EventLog.AliasOf(data.GetType());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await TryHandleOnceAsync(e, data, attempt, ct);
                EventMetrics.Handled.WithLabels(Name, alias, outcome).Inc();
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                if (attempt >= _policy.MaxAttempts)
                {
                    _logger.LogError(ex, "Event {EventId} ({EventType}, seq {Sequence}) failed {Attempts} times in {Subscription}; dead-lettered",
                        data.EventId, alias, e.Sequence, attempt, Name);
                    await DeadLetterAsync(e, data, alias, ex, attempt, ct);
                    EventMetrics.Handled.WithLabels(Name, alias, "dead_lettered").Inc();
                    return;
                }
                var delay = _policy.DelayBefore(attempt + 1);
                _logger.LogWarning(ex, "Event {EventId} ({EventType}) failed attempt {Attempt} in {Subscription}; retrying in {DelayMs} ms",
                    data.EventId, alias, attempt, Name, delay.TotalMilliseconds);
                EventMetrics.Handled.WithLabels(Name, alias, "retried").Inc();
                await Task.Delay(delay, ct);
            }
        }
    }

    private async Task<string> TryHandleOnceAsync(IEvent e, IntegrationEvent data, int attempt, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await MarkAsync(_module, conn, tx, data.EventId, e.Sequence, e.EventTypeName, ct))
        {
            await tx.RollbackAsync(ct);
            return "duplicate";
        }

        await HandleMarkedAsync(_services, _module, conn, tx, data, e.Sequence, attempt, ct);
        await tx.CommitAsync(ct);
        return "processed";
    }

    /// <summary>
    /// Runs <paramref name="data"/>'s handler in <paramref name="tx"/>, the event already marked in the inbox table there: the
    /// one path of a live event (<see cref="TryHandleOnceAsync"/>) and of a replayed dead letter (<see cref="InboxDeadLetters"/>),
    /// so a replay joins the same unit of work, raises events through the same outbox and is deduplicated the same way.
    /// </summary>
    internal static async Task HandleMarkedAsync(IServiceProvider services, string module, NpgsqlConnection conn, NpgsqlTransaction tx,
        IntegrationEvent data, long sequence, int attempt, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new IntegrationEventContext(conn, tx, sequence, attempt) { Run = [data] };
        await Invoker(data.GetType())(scope.ServiceProvider, module, data, context, ct);
        await context.FlushAsync(ct);
    }

    /// <summary>Marks <paramref name="eventId"/> handled by the module; false if it already was (the inbox's deduplication).</summary>
    internal static async Task<bool> MarkAsync(string module, NpgsqlConnection conn, NpgsqlTransaction tx, Guid eventId, long sequence, string eventType,
        CancellationToken ct)
    {
        await using var mark = new NpgsqlCommand(
            $"insert into \"{module}\".inbox (event_id, sequence, event_type) values (@id, @seq, @type) on conflict do nothing", conn, tx);
        mark.Parameters.AddWithValue("id", eventId);
        mark.Parameters.AddWithValue("seq", sequence);
        mark.Parameters.AddWithValue("type", eventType);
        return await mark.ExecuteNonQueryAsync(ct) > 0;
    }

    private async Task DeadLetterAsync(IEvent e, IntegrationEvent data, string alias, Exception ex, int attempts, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            insert into "{_module}".inbox_dead_letters (event_id, sequence, event_type, payload, error, attempts)
            values (@id, @seq, @type, @payload::jsonb, @error, @attempts)
            on conflict (event_id) do update set error = excluded.error, attempts = excluded.attempts, failed_at = now(), replayed_at = null, replayed_by = null
            """, conn);
        cmd.Parameters.AddWithValue("id", data.EventId);
        cmd.Parameters.AddWithValue("seq", e.Sequence);
        cmd.Parameters.AddWithValue("type", alias);
        cmd.Parameters.AddWithValue("payload", JsonSerializer.Serialize(data, data.GetType()));
        cmd.Parameters.AddWithValue("error", ex.ToString());
        cmd.Parameters.AddWithValue("attempts", attempts);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private delegate Task HandlerInvoker(IServiceProvider services, string module, IntegrationEvent e, IntegrationEventContext context, CancellationToken ct);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, HandlerInvoker> Invokers = new();

    private static HandlerInvoker Invoker(Type eventType) => Invokers.GetOrAdd(eventType, t =>
        typeof(ModuleInbox).GetMethod(nameof(InvokeHandler), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(t).CreateDelegate<HandlerInvoker>());

    private static async Task InvokeHandler<TEvent>(IServiceProvider services, string module, IntegrationEvent e, IntegrationEventContext context, CancellationToken ct)
        where TEvent : IntegrationEvent
    {
        var handler = services.GetRequiredKeyedService<IIntegrationEventHandler<TEvent>>(module);
        // Development and Testing only (not registered elsewhere): a handler an operator or a test broke on purpose.
        services.GetService<FailingHandlers>()?.ThrowIfBroken(module, handler.GetType(), e);
        // A handler that may read sees what the handlers before it in this transaction wrote.
        if (handler is not IDefersWrites) await context.FlushAsync(ct);
        // The module's unit of work joins the inbox's transaction: the handler's changes and events commit with the mark.
        var work = services.GetKeyedService<UnitOfWork>(module);
        work?.Join(context);
        await handler.HandleAsync((TEvent)e, context, ct);
        if (work is not null) await work.CompleteAsync(ct);
    }

    internal static string Ddl(string schema) => $"""
        create schema if not exists "{schema}";
        create table if not exists "{schema}".inbox (
            event_id uuid primary key,
            sequence bigint not null,
            event_type text not null,
            processed_at timestamptz not null default now());
        create table if not exists "{schema}".inbox_dead_letters (
            event_id uuid primary key,
            sequence bigint not null,
            event_type text not null,
            payload jsonb not null,
            error text not null,
            attempts int not null,
            failed_at timestamptz not null default now());
        alter table "{schema}".inbox_dead_letters add column if not exists replayed_at timestamptz,
            add column if not exists replayed_by text;
        """;
}

/// <summary>How hard an inbox tries before parking an event: exponential backoff, then dead letter.</summary>
public sealed record InboxPolicy(int MaxAttempts = 5, int BaseDelayMs = 200, int MaxDelayMs = 5_000)
{
    public TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxDelayMs, BaseDelayMs * Math.Pow(3, attempt - 2)));
}
