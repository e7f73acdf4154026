using Npgsql;

/// <summary>
/// Follows every module inbox's position in the event log (Marten's mt_event_progression) against the log's end while a
/// benchmark runs: how many events each subscription moved through per second, its largest backlog and the age of the
/// oldest event it had not reached. A subscription runs on one process at a time (HotCold), so these are the figures that
/// do not grow with replicas (issue 22, item 4; docs/benchmarks.md, "Event subscriptions").
/// </summary>
internal sealed class SubscriptionWatch : IAsyncDisposable
{
    private readonly string _db;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly Dictionary<string, Trace> _traces = [];
    private long _logStart = -1, _logEnd;
    private DateTime _startedAt, _endedAt;

    public sealed class Trace
    {
        public long FirstPosition = -1, LastPosition, MaxBacklog;
        public double MaxLagSeconds;
    }

    public sealed record Figures(string Subscription, double EventsPerSecond, long MaxBacklog, double MaxLagSeconds);

    private SubscriptionWatch(string db, TimeSpan every)
    {
        _db = db;
        _startedAt = DateTime.UtcNow;
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                do await SampleAsync();
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException) { }
        });
    }

    public static SubscriptionWatch Start(string db, TimeSpan? every = null) => new(db, every ?? TimeSpan.FromMilliseconds(500));

    /// <summary>Events appended to the log per second while watched.</summary>
    public double AppendedPerSecond => (_logEnd - _logStart) / (_endedAt - _startedAt).TotalSeconds;

    public async Task<IReadOnlyList<Figures>> StopAsync()
    {
        _stop.Cancel();
        await _sampling;
        await SampleAsync();
        _endedAt = DateTime.UtcNow;
        var seconds = (_endedAt - _startedAt).TotalSeconds;
        lock (_traces)
            return _traces.OrderBy(t => t.Key)
                .Select(t => new Figures(t.Key, (t.Value.LastPosition - t.Value.FirstPosition) / seconds, t.Value.MaxBacklog, t.Value.MaxLagSeconds))
                .ToList();
    }

    /// <summary>
    /// Waits until <paramref name="subscription"/> has reached the log's end as it was when called, and returns the events
    /// per second it moved through from its first step forward (the start-up of its process not counted).
    /// </summary>
    public static async Task<(long Events, double Seconds)> CatchUpAsync(string db, string subscription, TimeSpan limit)
    {
        var target = await ScalarAsync(db, "select coalesce(max(seq_id), 0) from events.mt_events");
        var until = DateTime.UtcNow + limit;
        long? from = null;
        var movedAt = DateTime.UtcNow;
        while (DateTime.UtcNow < until)
        {
            var position = await ScalarAsync(db, $"select coalesce(max(last_seq_id), 0) from events.mt_event_progression where name like '{subscription}:%'");
            if (from is null && position > 0) (from, movedAt) = (position, DateTime.UtcNow);
            if (from is not null && position >= target) return (position - from.Value, (DateTime.UtcNow - movedAt).TotalSeconds);
            await Task.Delay(50);
        }
        throw new TimeoutException($"{subscription} did not reach {target} within {limit}");
    }

    private async Task SampleAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(_db);
            await conn.OpenAsync();
            var end = await ScalarAsync(conn, "select coalesce(max(seq_id), 0) from events.mt_events");
            if (_logStart < 0) _logStart = end;
            _logEnd = end;
            // The age of the oldest event past a subscription's position, of any type: it moves over the types it doesn't
            // handle as it goes, so this is at most the wait of the next event it handles.
            await using var cmd = new NpgsqlCommand("""
                with positions as (
                  select split_part(name, ':', 1) as subscription, max(last_seq_id) as seq
                    from events.mt_event_progression where name like '%-inbox:%' group by 1)
                select subscription, seq,
                       coalesce(extract(epoch from now() - (select min(e.timestamp) from events.mt_events e where e.seq_id > positions.seq)), 0)::float8
                  from positions
                """, conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (name, position, lag) = (reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2));
                lock (_traces)
                {
                    if (!_traces.TryGetValue(name, out var trace)) _traces[name] = trace = new Trace { FirstPosition = position };
                    trace.LastPosition = position;
                    trace.MaxBacklog = Math.Max(trace.MaxBacklog, end - position);
                    trace.MaxLagSeconds = Math.Max(trace.MaxLagSeconds, lag);
                }
            }
        }
        catch (NpgsqlException) when (!_stop.IsCancellationRequested)
        {
            // A sample missed under load is a gap in the trace, not a failed benchmark.
        }
    }

    private static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        return await ScalarAsync(conn, sql);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}
