using System.Reflection;
using System.Text;
using AddisPay.Shared.Contracts;
using JasperFx.Events;
using Marten;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Shared.Events;

/// <summary>
/// The platform's integration event log: Marten's event store in the `events` schema. Publishing
/// appends to it inside the publisher's own transaction (the outbox guarantee); each subscribing
/// module reads it through a Marten async-daemon subscription (see <see cref="ModuleInbox"/>).
/// </summary>
public sealed class EventLog(IDocumentStore store)
{
    public const string Schema = "events";

    /// <summary>
    /// Appends the events inside <paramref name="transaction"/>; they become visible when it commits. Modules publish through
    /// their unit of work (<see cref="ModuleWork{TContext}"/>, <see cref="DocumentWork{TStore}"/>), which alone use the
    /// batched forms below; this stays for a publisher outside the modules (a test standing in for one).
    /// </summary>
    public async Task PublishAsync(NpgsqlTransaction transaction, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        await using var command = new NpgsqlCommand(AppendSql, transaction.Connection, transaction);
        foreach (var parameter in AppendParameters(events)) command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(ct);
        Count(events);
    }

    /// <summary>
    /// Appends the events with the inbox transaction's queued writes (<see cref="IntegrationEventContext.Defer"/>): they
    /// travel in the round trip that already goes before the commit instead of one of their own.
    /// </summary>
    internal void Publish(IntegrationEventContext context, IReadOnlyCollection<IntegrationEvent> events)
    {
        if (events.Count == 0) return;
        context.Deferred.Add(AppendCommand(events));
    }

    /// <summary>
    /// The append as a command for the caller's own <see cref="NpgsqlBatch"/>, run in its transaction: for a write that
    /// must go last anyway (a receipt number) and can take the events along in its round trip.
    /// </summary>
    internal NpgsqlBatchCommand AppendCommand(IReadOnlyCollection<IntegrationEvent> events)
    {
        var command = new NpgsqlBatchCommand(AppendSql);
        foreach (var parameter in AppendParameters(events)) command.Parameters.Add(parameter);
        Count(events);
        return command;
    }

    /// <summary>Appends the events in the batch a Marten session sends at SaveChanges, so the documents and the events travel together.</summary>
    internal void Publish(IDocumentSession session, IReadOnlyCollection<IntegrationEvent> events)
    {
        if (events.Count == 0) return;
        session.QueueSqlCommand(AppendSqlForMarten, AppendParameters(events).Select(p => p.Value!).ToArray());
        Count(events);
    }

    private static void Count(IReadOnlyCollection<IntegrationEvent> events)
    {
        foreach (var e in events) EventMetrics.Published.WithLabels(AliasOf(e.GetType())).Inc();
    }

    // The append, written as one plain statement into Marten's own tables instead of a call of its plpgsql function
    // (mt_quick_append_events, plpgsql: ~12% of PostgreSQL's time in the checkout benchmark, behind a Marten session and
    // its retry pipeline per publish). Rows are what Marten writes: the stream's version moves by the number of events,
    // each event takes the next number of the sequence the daemon follows, in append order, and carries its alias
    // and .NET type. The stream row is upserted, so concurrent appends to one stream queue on its row lock instead of
    // failing on the (stream, version) key. EventLogTests reads appended events back through Marten's own API.
    private const string AppendSql = $"""
        with appended as (
          select e.*, row_number() over (partition by e.stream_id order by e.n) as rank, count(*) over (partition by e.stream_id) as appended_to_stream
            from unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::jsonb[]) with ordinality as e(id, stream_id, type, dotnet_type, data, n)
        ), streams as (
          insert into {Schema}.mt_streams as s (id, version, timestamp, tenant_id)
          select stream_id, count(*), now(), '*DEFAULT*' from appended group by stream_id order by stream_id
          on conflict (id) do update set version = s.version + excluded.version, timestamp = excluded.timestamp
          returning s.id, s.version
        )
        insert into {Schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
        select nextval('{Schema}.mt_events_sequence'), a.id, a.stream_id, s.version - a.appended_to_stream + a.rank, a.data, a.type,
               '*DEFAULT*', now(), a.dotnet_type, false
          from appended a join streams s on s.id = a.stream_id
         order by a.n
        """;

    // Marten's QueueSqlCommand takes '?' placeholders, in order; each parameter is used once, in order.
    private static readonly string AppendSqlForMarten = AppendSql.Replace("$1", "?").Replace("$2", "?").Replace("$3", "?").Replace("$4", "?").Replace("$5", "?");

    private NpgsqlParameter[] AppendParameters(IReadOnlyCollection<IntegrationEvent> events)
    {
        var serializer = store.Options.Serializer();
        var (ids, streams, types, dotnetTypes, bodies) = (new Guid[events.Count], new Guid[events.Count], new string[events.Count], new string[events.Count], new string[events.Count]);
        var i = 0;
        foreach (var e in events)
        {
            var type = e.GetType();
            // The log's own id for the event is the one subscribers deduplicate on, so the two never need matching up.
            (ids[i], streams[i], types[i], dotnetTypes[i], bodies[i]) = (e.EventId, e.StreamId, AliasOf(type), DotNetTypeOf(type), serializer.ToJson(e));
            i++;
        }
        return
        [
            new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new() { Value = streams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
            new() { Value = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar },
            new() { Value = dotnetTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar },
            new() { Value = bodies, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
        ];
    }

    // As Marten records it ("AddisPay.Products.Contracts.ProductPublished, AddisPay.Products.Contracts").
    private static string DotNetTypeOf(Type eventType) => DotNetTypes.GetOrAdd(eventType, t => $"{t.FullName}, {t.Assembly.GetName().Name}");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> DotNetTypes = new();

    /// <summary>
    /// Stable, module-qualified name stored with each event ("products.product_price_changed"), so two
    /// modules may each own an event class with the same short name.
    /// </summary>
    public static string AliasOf(Type eventType) => Aliases.GetOrAdd(eventType, NameAlias);

    // Asked for every event published and handled: worked out once per type.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> Aliases = new();

    private static string NameAlias(Type eventType)
    {
        var module = eventType.Assembly.GetCustomAttribute<ModuleContractsAttribute>()?.Module
            ?? throw new InvalidOperationException($"{eventType} is not declared in a module's Contracts assembly.");
        var sb = new StringBuilder(module).Append('.');
        var name = eventType.Name;
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    internal static void Configure(StoreOptions opts, string connectionString, IEnumerable<Assembly> contractAssemblies)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = Schema;
        opts.Events.DatabaseSchemaName = Schema;
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.AppendMode = EventAppendMode.Quick;
        opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        opts.UseSystemTextJsonForSerialization();
        foreach (var type in contractAssemblies.SelectMany(a => a.GetExportedTypes())
                     .Where(t => t.IsSubclassOf(typeof(IntegrationEvent)) && !t.IsAbstract))
        {
            opts.Events.MapEventType(type, AliasOf(type));
        }
    }
}

public static class InboxBacklog
{
    /// <summary>
    /// Whether an event of <typeparamref name="TEvent"/> about <paramref name="streamId"/> is in the log but not yet
    /// handled by <paramref name="module"/>'s inbox, or was parked in its dead letters after failing every retry: a
    /// decision that the event could change (cancel an unpaid order whose payment is already on its way) waits for it.
    /// A parked payment is money received; cancelling its order would keep the money with nothing to show for it.
    /// </summary>
    public static async Task<bool> HasUnhandledAsync<TEvent>(UnitOfWork work, string module, Guid streamId, CancellationToken ct)
        where TEvent : IntegrationEvent
    {
        await using var cmd = work.Command($"""
            select exists (select 1 from {EventLog.Schema}.mt_events e
             where e.stream_id = @stream and e.type = @type
               and e.seq_id > (select coalesce(max(last_seq_id), 0) from {EventLog.Schema}.mt_event_progression where name like @name || ':%'))
                or exists (select 1 from "{module}".inbox_dead_letters d join {EventLog.Schema}.mt_events e on e.seq_id = d.sequence
                            where e.stream_id = @stream and d.event_type = @type and d.replayed_at is null)
            """);
        cmd.Parameters.AddWithValue("stream", streamId);
        cmd.Parameters.AddWithValue("type", EventLog.AliasOf(typeof(TEvent)));
        cmd.Parameters.AddWithValue("name", ModuleInbox.SubscriptionName(module));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
