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
        await using var command = new NpgsqlCommand(EventStoreSql.Append, transaction.Connection, transaction);
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
        var command = new NpgsqlBatchCommand(EventStoreSql.Append);
        foreach (var parameter in AppendParameters(events)) command.Parameters.Add(parameter);
        Count(events);
        return command;
    }

    /// <summary>Appends the events in the batch a Marten session sends at SaveChanges, so the documents and the events travel together.</summary>
    internal void Publish(IDocumentSession session, IReadOnlyCollection<IntegrationEvent> events)
    {
        if (events.Count == 0) return;
        session.QueueSqlCommand(EventStoreSql.AppendInMartenBatch, AppendParameters(events).Select(p => p.Value!).ToArray());
        Count(events);
    }

    private static void Count(IReadOnlyCollection<IntegrationEvent> events)
    {
        foreach (var e in events) EventMetrics.Published.WithLabels(AliasOf(e.GetType())).Inc();
    }

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
        await using var cmd = work.Command(EventStoreSql.Unhandled(module));
        cmd.Parameters.AddWithValue("stream", streamId);
        cmd.Parameters.AddWithValue("type", EventLog.AliasOf(typeof(TEvent)));
        cmd.Parameters.AddWithValue("name", ModuleInbox.SubscriptionName(module));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
