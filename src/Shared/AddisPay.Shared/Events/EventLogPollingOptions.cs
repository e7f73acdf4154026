using JasperFx.Events.Daemon;

namespace AddisPay.Shared.Events;

/// <summary>
/// How often a process's event-log daemon looks for newly committed events and, on a standby node, for leadership
/// (AddisPay:Events:Polling). The defaults are Marten's own: an inbox sees an event up to a second after its commit while
/// the log is quiet, and a standby takes over up to 5 s after the leader dies. Shorter intervals cost one small query
/// more per interval and process; the integration tests shorten them, as each of their journeys waits on many hops.
/// </summary>
public sealed class EventLogPollingOptions
{
    public const string Section = "AddisPay:Events:Polling";

    /// <summary>Between looks for new events while few arrive.</summary>
    public TimeSpan QuietInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Between looks for new events while many arrive.</summary>
    public TimeSpan BusyInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Between a standby node's attempts to take over the subscriptions (HotCold).</summary>
    public TimeSpan LeadershipInterval { get; set; } = TimeSpan.FromSeconds(5);

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
