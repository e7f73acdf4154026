using JasperFx.Events.Daemon;

namespace AddisPay.Shared.Events;

/// <summary>
/// How often a process's event-log daemon looks for newly committed events and, on a standby node, for leadership
/// (AddisPay:Events:Polling). The daemon does not wait for its poll to see an event: each commit that appended to the log
/// wakes it (<see cref="EventLogAppends"/>, LISTEN/NOTIFY), so the two look-up intervals are fallbacks, for a
/// notification lost while the process's listening connection was down and for a gap a rolled-back append left in the
/// sequence (the daemon skips it once Marten's StaleSequenceThreshold, 3 s, has passed, checked at the next poll or
/// wake-up). Each costs one small query per interval and process, idle or not.
/// </summary>
public sealed class EventLogPollingOptions
{
    public const string Section = "AddisPay:Events:Polling";

    /// <summary>
    /// Between looks for new events after one found none: 5 s (Marten's own is 1 s, which was an event's hop before the
    /// wake-ups). An event whose notification was lost, or that follows a gap in an idle log, waits at most this long
    /// (a gap at most StaleSequenceThreshold plus this); an idle process saves four high-water queries in five.
    /// </summary>
    public TimeSpan QuietInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Between looks for new events after one found some: 1 s. Whatever commits next wakes the daemon anyway; this only
    /// bounds the wait for an append that was in flight and rolled back (no notification), which the next look finds a gap.
    /// </summary>
    public TimeSpan BusyInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Between a standby node's attempts to take over the subscriptions (HotCold): a dead leader's inboxes resume within
    /// about this long. No notification announces a leader's death, so this stays a poll (Marten's default, 5 s).
    /// </summary>
    public TimeSpan LeadershipInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The least time between two wake-ups of the daemon's high-water detection: a burst of commits costs one query per
    /// 100 ms and process, no more than the polling of the test hosts did before the wake-ups, instead of one per commit.
    /// </summary>
    public static TimeSpan WakeSpacing { get; } = TimeSpan.FromMilliseconds(100);

    internal void ApplyTo(DaemonSettings daemon)
    {
        daemon.SlowPollingTime = QuietInterval;
        daemon.FastPollingTime = BusyInterval;
        daemon.LeadershipPollingTime = (int)LeadershipInterval.TotalMilliseconds;
    }

    /// <summary>Why the intervals can't be used, or null: a zero interval would spin a core on polling.</summary>
    public string? Problem() =>
        new[] { QuietInterval, BusyInterval, LeadershipInterval }.Any(i => i <= TimeSpan.Zero)
            ? $"{Section}: every interval must be longer than zero"
            : null;
}
