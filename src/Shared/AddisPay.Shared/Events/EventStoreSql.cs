using Npgsql;

namespace AddisPay.Shared.Events;

/// <summary>
/// Every statement the platform runs against Marten's own event tables (<c>mt_events</c>, <c>mt_streams</c>,
/// <c>mt_event_progression</c>) instead of through Marten's API: the one place that holds the contract with Marten's table
/// layout. Each statement is here because a benchmark or a guarantee needs it (the reason sits beside it); everything
/// else goes through Marten. Checked against Marten <see cref="VerifiedWithMarten"/>: EventStoreSqlTests run every
/// statement against the tables that Marten version creates and read the appends back through Marten's own API, and a
/// unit test fails when the Marten package moves to another version until these have been checked against it again.
/// </summary>
internal static class EventStoreSql
{
    /// <summary>The Marten version whose tables these statements were checked against (Directory.Packages.props).</summary>
    public const string VerifiedWithMarten = "9.58.0";

    /// <summary>Marten's tables and the columns the statements below read or write, for the test that compares them with the live tables.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ColumnsUsed = new Dictionary<string, string[]>
    {
        ["mt_events"] = ["seq_id", "id", "stream_id", "version", "data", "type", "tenant_id", "timestamp", "mt_dotnet_type", "is_archived"],
        ["mt_streams"] = ["id", "version", "timestamp", "tenant_id"],
        ["mt_event_progression"] = ["name", "last_seq_id"],
    };

    /// <summary>
    /// The channel every append notifies, delivered when the appending transaction commits: Marten's own
    /// (<c>UseListenNotifyForEventAppends</c> sends it from Marten's appends), so a process of another shape listening
    /// there is woken too. Each process listens once (<see cref="EventLogAppends"/>) and wakes its high-water detection
    /// and its own tails of the log.
    /// </summary>
    public const string AppendedChannel = Marten.Events.Daemon.HighWater.PostgresqlListenWakeup.DefaultChannel;

    private const string Listen = "listen " + AppendedChannel;

    /// <summary>Subscribes the connection (a dedicated one, <see cref="EventLogAppends"/>) to <see cref="AppendedChannel"/>.</summary>
    public static async Task ListenAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Listen, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // The append, written as one plain statement into Marten's own tables instead of a call of its plpgsql function
    // (mt_quick_append_events, plpgsql: ~12% of PostgreSQL's time in the checkout benchmark, behind a Marten session and
    // its retry pipeline per publish; docs/benchmarks.md). Rows are what Marten writes: the stream's version moves by the
    // number of events, each event takes the next number of the sequence the daemon follows, in append order, and carries
    // its alias and .NET type. The stream row is upserted, so concurrent appends to one stream queue on its row lock
    // instead of failing on the (stream, version) key. Parameters: $1 event ids, $2 stream ids, $3 aliases, $4 .NET
    // types, $5 bodies (arrays, in append order). It also notifies AppendedChannel (PostgreSQL sends it at commit,
    // once per transaction however many appends it made, and never for a rollback): the followers of the log wake at
    // once instead of at their next poll. The notification is a CTE the insert joins (one row, evaluated once), not a
    // final SELECT: the statement returns no rows, so a batch whose reader looks for its last statement's answer
    // (Invoicing) sees no extra result.
    public const string Append = $"""
        with appended as (
          select e.*, row_number() over (partition by e.stream_id order by e.n) as rank, count(*) over (partition by e.stream_id) as appended_to_stream
            from unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::jsonb[]) with ordinality as e(id, stream_id, type, dotnet_type, data, n)
        ), streams as (
          insert into {EventLog.Schema}.mt_streams as s (id, version, timestamp, tenant_id)
          select stream_id, count(*), now(), '*DEFAULT*' from appended group by stream_id order by stream_id
          on conflict (id) do update set version = s.version + excluded.version, timestamp = excluded.timestamp
          returning s.id, s.version
        ), notified as (
          select pg_notify('{AppendedChannel}', '')
        )
        insert into {EventLog.Schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
        select nextval('{EventLog.Schema}.mt_events_sequence'), a.id, a.stream_id, s.version - a.appended_to_stream + a.rank, a.data, a.type,
               '*DEFAULT*', now(), a.dotnet_type, false
          from appended a join streams s on s.id = a.stream_id cross join notified
         order by a.n
        """;

    /// <summary><see cref="Append"/> for a Marten session's batch: its QueueSqlCommand takes '?' placeholders, each used once, in order.</summary>
    public static readonly string AppendInMartenBatch = Append.Replace("$1", "?").Replace("$2", "?").Replace("$3", "?").Replace("$4", "?").Replace("$5", "?");

    /// <summary>
    /// Whether an event of type @type about @stream is past the subscription @name's progress, or parked unreplayed in
    /// <paramref name="module"/>'s dead letters (InboxBacklog). Marten has no API for "has my subscription seen this event".
    /// </summary>
    public static string Unhandled(string module) => $"""
        select exists (select 1 from {EventLog.Schema}.mt_events e
         where e.stream_id = @stream and e.type = @type
           and e.seq_id > (select coalesce(max(last_seq_id), 0) from {EventLog.Schema}.mt_event_progression where name like @name || ':%'))
            or exists (select 1 from "{module}".inbox_dead_letters d join {EventLog.Schema}.mt_events e on e.seq_id = d.sequence
                        where e.stream_id = @stream and d.event_type = @type and d.replayed_at is null)
        """;

    /// <summary>
    /// A subscription's backlog (@types past its progress), the age of the oldest such event, its position and
    /// <paramref name="module"/>'s unreplayed dead letters, in one round trip for the gauges (SubscriptionMonitor).
    /// </summary>
    public static string SubscriptionStatus(string module) => $"""
        with progress as (
          select coalesce(max(last_seq_id), 0) as seq from {EventLog.Schema}.mt_event_progression where name like @name || ':%')
        select count(*), coalesce(extract(epoch from now() - min(e.timestamp)), 0)::float8,
               (select seq from progress),
               (select count(*) from "{module}".inbox_dead_letters where replayed_at is null)
        from {EventLog.Schema}.mt_events e
        where e.seq_id > (select seq from progress) and e.type = any(@types)
        """;

    /// <summary>
    /// Removes subscription @name's progress rows still at position 0: left by a process killed between Marten creating
    /// them and its first commit, they make the next process's INSERT fail for good (InboxStartup).
    /// </summary>
    public const string ClearUnstartedProgress =
        $"delete from {EventLog.Schema}.mt_event_progression where name like @name || ':%' and last_seq_id = 0";

    /// <summary>
    /// Events are read by sequence, stream and type, never by their body: no statistics for ANALYZE to sort the bodies for
    /// (see ModuleRegistration.SkipStatistics), on the table every checkout appends five rows to.
    /// </summary>
    public const string SkipBodyStatistics = $"alter table {EventLog.Schema}.mt_events alter column data set statistics 0;\n";

    /// <summary>
    /// The log's last sequence number and subscription @name's progress (0 before it has any), then the events of @types
    /// after @after in log order (sequence, stream, alias), at most 10,000: what a process following the log for its own
    /// in-memory state reads each poll (<see cref="EventLogTail"/>). Both go by the sequence's primary key.
    /// </summary>
    public const string TailSince = $"""
        select coalesce((select max(seq_id) from {EventLog.Schema}.mt_events), 0),
               coalesce((select max(last_seq_id) from {EventLog.Schema}.mt_event_progression where name like @name || ':%'), 0);
        select seq_id, stream_id, type from {EventLog.Schema}.mt_events
         where seq_id > @after and type = any(@types)
         order by seq_id limit 10000
        """;

    /// <summary>The literal predicate of the revocations' partial index and of their poll, so the planner can match them.</summary>
    public static string TypeIn(IEnumerable<string> aliases) =>
        "type in (" + string.Join(", ", aliases.Order(StringComparer.Ordinal).Select(a => "'" + a.Replace("'", "''") + "'")) + ")";

    /// <summary>A partial index only the session revocations' poll enters (every process polls them every few seconds).</summary>
    public static string RevocationIndex(IReadOnlyCollection<string> aliases) => aliases.Count == 0 ? "" : $"""
        create index if not exists mt_events_session_revocations on {EventLog.Schema}.mt_events ("timestamp") where {TypeIn(aliases)}
        """;

    /// <summary>The revocation events appended after $1 (a timestamp), in log order: alias, time, body.</summary>
    public static string RevocationsSince(IEnumerable<string> aliases) => $"""
        select type, "timestamp", data from {EventLog.Schema}.mt_events
         where {TypeIn(aliases)} and "timestamp" > $1
         order by seq_id
        """;
}
