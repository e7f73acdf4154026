using AddisPay.Shared.Data;
using JasperFx.Events.Daemon.HighWater;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AddisPay.Shared.Events;

/// <summary>
/// Wakes this process's followers of the event log when a transaction that appended to it commits: one connection per
/// process listens on <see cref="EventStoreSql.AppendedChannel"/> (<see cref="ListeningConnection"/>), which every append
/// notifies, and each follower (Marten's high-water detection, which moves every inbox of the process; the revoked-sessions
/// feed; the product read cache's tail) waits on its own <see cref="AppendWaiter"/> instead of polling fast. Each keeps a
/// slow poll as the fallback for notifications lost while the connection was down (it wakes everyone when it reconnects).
/// </summary>
public sealed class EventLogAppends(string connectionString, ILogger<EventLogAppends> logger) : BackgroundService
{
    private readonly List<AppendWaiter> _waiters = [];
    private long _notifications;

    /// <summary>Notifications (and reconnections) received so far, for a debugger or a test to tell a wake-up from a poll.</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    /// <summary>
    /// A waiter of its own for one follower, woken by every commit that appended events after this call. Ask for it before
    /// the follower's first read, so an append committed between that read and the first wait is not missed.
    /// </summary>
    /// <param name="spacing">The least time between two of the follower's wake-ups: a burst of commits costs it one read
    /// per spacing, not one per commit.</param>
    public AppendWaiter Follow(TimeSpan spacing)
    {
        var waiter = new AppendWaiter(spacing);
        lock (_waiters) _waiters.Add(waiter);
        return waiter;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        ListeningConnection.RunAsync(connectionString, "addispay-event-log-listener", EventStoreSql.ListenAsync, Wake, logger,
            "the event log's followers poll at their fallback intervals", stoppingToken);

    private void Wake()
    {
        Interlocked.Increment(ref _notifications);
        lock (_waiters)
            foreach (var waiter in _waiters) waiter.Wake();
    }
}

/// <summary>
/// One follower's wait for the next append (<see cref="EventLogAppends.Follow"/>). A wake-up that comes while the follower
/// is reading is kept (one at most), so the follower reads once more rather than sleep on an event it may have missed.
/// Also Marten's <see cref="IDaemonWakeup"/>: the high-water agent waits on it between its polls.
/// </summary>
public sealed class AppendWaiter(TimeSpan spacing) : IDaemonWakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private long _lastWokenAt;

    internal void Wake()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    /// <summary>Waits until an append commits or <paramref name="timeout"/> passes; true when an append woke it.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (!await _signal.WaitAsync(timeout, ct)) return false;
        var since = TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond - Interlocked.Read(ref _lastWokenAt));
        if (since < spacing) await Task.Delay(spacing - since, ct);
        Interlocked.Exchange(ref _lastWokenAt, Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
        return true;
    }

    Task IDaemonWakeup.WaitAsync(TimeSpan timeout, CancellationToken token) => WaitAsync(timeout, token);

    // The daemon may dispose its wakeup when it stops; the waiter lives as long as the process's listener.
    void IDisposable.Dispose() { }
}
