using System.Collections.Concurrent;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Modules;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Prometheus;

namespace AddisPay.Shared.Security;

/// <summary>
/// The sessions this process no longer honours, by `sid`. Token validation asks it on every request, in memory:
/// no database or HTTP call on the request path. <see cref="RevokedSessionsFeed"/> fills it from the event log.
/// </summary>
public sealed class RevokedSessions
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _forgetAfter = new();

    public bool IsRevoked(Guid sessionId) => _forgetAfter.ContainsKey(sessionId);

    public int Count => _forgetAfter.Count;

    /// <summary>
    /// Keeps <paramref name="sessionId"/> until <paramref name="forgetAfter"/>: by then every access token of the
    /// session, all issued before it was revoked, has expired on its own.
    /// </summary>
    internal void Add(Guid sessionId, DateTimeOffset forgetAfter) =>
        _forgetAfter.AddOrUpdate(sessionId, forgetAfter, (_, known) => known > forgetAfter ? known : forgetAfter);

    internal void Forget(DateTimeOffset now)
    {
        foreach (var (id, until) in _forgetAfter)
            if (until <= now) _forgetAfter.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(id, until));
    }
}

/// <summary>
/// Every process, whatever modules it runs, follows the <see cref="ISessionsRevoked"/> events in the event log: when a
/// transaction that appended to the log commits (<see cref="EventLogAppends"/>), and at the latest every
/// <c>AddisPay:Auth:RevocationPollInterval</c> (5 s, the fallback for a notification lost while the process's listening
/// connection was down), one indexed query reads those appended since the last poll (a partial index holds only these
/// events, so the query does not grow with the rest of the log). A revoked session's tokens are thus refused everywhere
/// a moment after the revocation commits, with no call to the Users module and no database read per request. The feed reads the shared event log, which the platform owns, not a module's tables.
/// At start the first poll (the last access-token lifetime of revocations) runs before the process serves
/// (<see cref="PeriodicJob.RunsBeforeServing"/>); a failed poll is logged and the next tick retries, as for any job.
/// Registered by the platform in every process, not by a module's job scan.
/// </summary>
internal sealed class RevokedSessionsFeed(RevokedSessions revoked, IDocumentStore store, string connectionString,
    IReadOnlyDictionary<string, Type> events, AuthOptions auth, TimeProvider clock, ILogger<RevokedSessionsFeed> log,
    EventLogAppends? appends = null) : PeriodicJob(log)
{
    // Asked for before the first poll (it runs before the process serves), so no revocation committed after it is missed.
    // A burst of appends (a busy shop: every checkout appends) costs one poll per 100 ms at most.
    private readonly AppendWaiter? _appends = appends?.Follow(TimeSpan.FromMilliseconds(100));

    protected override AppendWaiter? WokenByAppends => _appends;

    /// <summary>
    /// Each poll reads again what was appended shortly before the previous one: a revocation's row carries its
    /// transaction's start time, and a transaction that started before a poll may commit after it.
    /// </summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    private static readonly Gauge Known = Metrics.CreateGauge(
        "addispay_revoked_sessions", "Revoked sessions whose access tokens this process refuses until they would have expired.");

    private static readonly Gauge LastPoll = Metrics.CreateGauge(
        "addispay_session_revocations_polled_timestamp_seconds", "When this process last read the session revocations (Unix time).");

    // Unlike a sweep, this job must not be switched off by a zero interval: revoked sessions would stay valid until their tokens expire.
    private readonly TimeSpan _interval = auth.RevocationPollInterval > TimeSpan.Zero ? auth.RevocationPollInterval
        : throw new InvalidOperationException("AddisPay:Auth:RevocationPollInterval must be positive: without polling, revoked sessions stay valid until their tokens expire.");

    private DateTimeOffset? _polledAt;

    /// <summary>How long a revoked session must be remembered: the longest an access token issued before it can live.</summary>
    private TimeSpan Retention => auth.AccessTokenLifetime + auth.ClockSkew + TimeSpan.FromMinutes(1);

    /// <summary>No module declares a revocation event (a test Host without Users' Contracts): nothing to follow.</summary>
    protected override TimeSpan Interval => events.Count == 0 ? TimeSpan.Zero : _interval;

    protected override bool RunsBeforeServing => true;

    protected override string FailureMessage =>
        "could not read session revocations from the event log; tokens of sessions revoked meanwhile stay valid until a poll succeeds or they expire";

    public override Task RunOnceAsync(CancellationToken ct) => PollAsync(ct);

    private async Task PollAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("select now()"),
                new NpgsqlBatchCommand(EventStoreSql.RevocationsSince(events.Keys))
                {
                    Parameters = { new() { Value = _polledAt is { } last ? last - Overlap : clock.GetUtcNow() - Retention, NpgsqlDbType = NpgsqlDbType.TimestampTz } }
                }
            }
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var polledAt = reader.GetFieldValue<DateTimeOffset>(0);
        await reader.NextResultAsync(ct);
        var serializer = store.Options.Serializer();
        while (await reader.ReadAsync(ct))
        {
            if (!events.TryGetValue(reader.GetString(0), out var type)) continue;
            var at = reader.GetFieldValue<DateTimeOffset>(1);
            if (serializer.FromJson(type, reader, 2) is not ISessionsRevoked revocation) continue;
            foreach (var session in revocation.SessionIds) revoked.Add(session, at + Retention);
        }
        _polledAt = polledAt;
        revoked.Forget(clock.GetUtcNow());
        Known.Set(revoked.Count);
        LastPoll.Set(clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000d);
    }
}
