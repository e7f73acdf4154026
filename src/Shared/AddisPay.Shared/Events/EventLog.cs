using System.Reflection;
using System.Text;
using AddisPay.Shared.Contracts;
using JasperFx.Events;
using Marten;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Marten.Services;
using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// The platform's integration event log: Marten's event store in the `events` schema. Publishing
/// appends to it inside the publisher's own transaction (the outbox guarantee); each subscribing
/// module reads it through a Marten async-daemon subscription (see <see cref="ModuleInbox"/>).
/// </summary>
public sealed class EventLog(IDocumentStore store)
{
    public const string Schema = "events";

    /// <summary>Saves the context's changes and appends the events in one PostgreSQL transaction.</summary>
    public async Task SaveChangesAndPublishAsync(DbContext db, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(ct);
            await PublishAsync((NpgsqlTransaction)db.Database.CurrentTransaction.GetDbTransaction(), events, ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await PublishAsync((NpgsqlTransaction)tx.GetDbTransaction(), events, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Appends the events inside <paramref name="transaction"/>; they become visible when it commits.</summary>
    public async Task PublishAsync(NpgsqlTransaction transaction, IReadOnlyCollection<IntegrationEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
        foreach (var e in events)
        {
            session.Events.Append(e.StreamId, e);
            EventMetrics.Published.WithLabels(AliasOf(e.GetType())).Inc();
        }
        await session.SaveChangesAsync(ct);
    }

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
    public static async Task<bool> HasUnhandledAsync<TEvent>(NpgsqlConnection conn, NpgsqlTransaction? tx, string module, Guid streamId, CancellationToken ct)
        where TEvent : IntegrationEvent
    {
        await using var cmd = new NpgsqlCommand($"""
            select exists (select 1 from {EventLog.Schema}.mt_events e
             where e.stream_id = @stream and e.type = @type
               and e.seq_id > (select coalesce(max(last_seq_id), 0) from {EventLog.Schema}.mt_event_progression where name like @name || ':%'))
                or exists (select 1 from "{module}".inbox_dead_letters d join {EventLog.Schema}.mt_events e on e.seq_id = d.sequence
                            where e.stream_id = @stream and d.event_type = @type)
            """, conn, tx);
        cmd.Parameters.AddWithValue("stream", streamId);
        cmd.Parameters.AddWithValue("type", EventLog.AliasOf(typeof(TEvent)));
        cmd.Parameters.AddWithValue("name", ModuleInbox.SubscriptionName(module));
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
