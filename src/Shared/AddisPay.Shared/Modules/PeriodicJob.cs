using System.Reflection;
using AddisPay.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AddisPay.Shared.Modules;

/// <summary>
/// Work a module's pods repeat on a timer (sweeps, reconciliation, recomputation). Every replica runs it, so a job must
/// be safe to run concurrently (row locks, SKIP LOCKED, an advisory lock or an idempotent delete). A failed run is
/// logged and the next tick tries again: a database restart must not stop the job for the life of the pod.
/// </summary>
public abstract class PeriodicJob(ILogger log) : BackgroundService
{
    /// <summary>Time between runs, read when the job starts; zero or less turns the job off.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Run once as the pod starts, before the first interval has passed.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>
    /// Run once inside <see cref="StartAsync"/>, so the Host serves nothing before that run has ended (well or not: a
    /// failure is logged and the Host starts). For work requests depend on from the first one, such as the session
    /// revocations token validation consults; a job that only catches up (a sweep) uses <see cref="RunsAtStart"/>.
    /// </summary>
    protected virtual bool RunsBeforeServing => false;

    /// <summary>
    /// For a job following the event log: woken by each commit that appends to it (<see cref="EventLogAppends"/>), so it
    /// runs then and <see cref="Interval"/> is only its fallback poll. Null (the default): the job runs every Interval.
    /// </summary>
    protected virtual AppendWaiter? WokenByAppends => null;

    /// <summary>The wait before the next run of a job woken by appends, after its last run: <see cref="Interval"/> unless it waits on something no append announces.</summary>
    protected virtual TimeSpan NextWait(TimeSpan interval) => interval;

    /// <summary>Logged at Warning when a run fails: what was left undone.</summary>
    protected abstract string FailureMessage { get; }

    public abstract Task RunOnceAsync(CancellationToken ct);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (RunsBeforeServing && Interval > TimeSpan.Zero) await TryRunAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        if (interval <= TimeSpan.Zero) return;
        if (RunsAtStart) await TryRunAsync(stoppingToken);
        if (WokenByAppends is { } appends)
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await appends.WaitAsync(NextWait(interval), stoppingToken); }
                catch (OperationCanceledException) { return; }
                await TryRunAsync(stoppingToken);
            }
            return;
        }
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await TryRunAsync(stoppingToken);
    }

    private async Task TryRunAsync(CancellationToken ct)
    {
        try
        {
            await RunOnceAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "{Job}: {Failure}; retrying at the next tick", GetType().Name, FailureMessage);
        }
    }
}

public static class PeriodicJobRegistration
{
    /// <summary>
    /// A module's jobs, found by convention (Scrutor): every <see cref="PeriodicJob"/> in its assembly is one singleton,
    /// run as a hosted service and resolvable by its type, so an endpoint or a test can run it now.
    /// </summary>
    public static IServiceCollection AddPeriodicJobsOf(this IServiceCollection services, Assembly moduleAssembly) =>
        services.Scan(scan => scan.FromAssemblies(moduleAssembly)
            .AddClasses(classes => classes.AssignableTo<PeriodicJob>(), publicOnly: false)
            .AsSelfWithInterfaces(type => type == typeof(IHostedService))
            .WithSingletonLifetime());
}
