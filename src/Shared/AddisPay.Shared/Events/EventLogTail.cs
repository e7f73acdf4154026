using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>An event of the log as a follower sees it: where it sits, which stream (aggregate) it is about, its alias.</summary>
public readonly record struct EventLogEntry(long Sequence, Guid Stream, string Type);

/// <summary>The log's end, a subscription's progress and the events of the asked types after a position, read together.</summary>
public sealed record EventLogPage(long Head, long Progress, IReadOnlyList<EventLogEntry> Entries);

/// <summary>
/// Reads the event log from a position of the caller's own, for state every replica keeps in memory and a subscription
/// cannot feed (a module's subscription runs on one replica at a time): a cache dropping what an event made stale. One
/// round trip of two statements on the sequence's key (<see cref="EventStoreSql.TailSince"/>); no body is read.
/// </summary>
public sealed class EventLogTail(string connectionString) : IDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    /// <param name="after">The sequence number after which to read.</param>
    /// <param name="types">Event aliases (<see cref="EventLog.AliasOf"/>).</param>
    /// <param name="progressOf">The module whose inbox's progress to report (its subscription, <see cref="ModuleInbox.SubscriptionName"/>).</param>
    public async Task<EventLogPage> ReadAsync(long after, IReadOnlyCollection<string> types, string progressOf, CancellationToken ct)
    {
        await using var conn = await _source.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(EventStoreSql.TailSince, conn);
        cmd.Parameters.AddWithValue("name", ModuleInbox.SubscriptionName(progressOf));
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("types", types.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (head, progress) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(ct);
        var entries = new List<EventLogEntry>();
        while (await reader.ReadAsync(ct)) entries.Add(new EventLogEntry(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2)));
        return new EventLogPage(head, progress, entries);
    }

    public void Dispose() => _source.Dispose();
}
