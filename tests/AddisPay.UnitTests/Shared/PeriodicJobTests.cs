using AddisPay.Shared.Modules;
using Microsoft.Extensions.Logging;

namespace AddisPay.UnitTests.Shared;

/// <summary>
/// The timer every module's sweeps and recomputes run on. Waits are on the runs themselves (with a generous timeout for a
/// loaded machine), never on elapsed time.
/// </summary>
public sealed class PeriodicJobTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_run_that_fails_is_tried_again_at_the_next_tick()
    {
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var job = new RecordingJob(Short, runsAtStart: false, run =>
        {
            if (run == 1) throw new InvalidOperationException("the database is restarting");
            second.TrySetResult();
            return Task.CompletedTask;
        });

        await job.StartAsync(CancellationToken.None);
        await second.Task.WaitAsync(Generous);
        await job.StopAsync(CancellationToken.None);

        Assert.True(job.Runs >= 2);
        Assert.False(job.ExecuteTask!.IsFaulted); // the failure did not end the job; stopping cancels it
    }

    [Fact]
    public async Task A_failed_run_is_logged_as_a_warning_saying_what_was_left_undone()
    {
        var logged = new TaskCompletionSource<(LogLevel Level, string Message, Exception? Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new InvalidOperationException("the database is restarting");
        using var job = new RecordingJob(Short, runsAtStart: true, _ => throw failure, (level, message, error) => logged.TrySetResult((level, message, error)));

        await job.StartAsync(CancellationToken.None);
        var (level, message, error) = await logged.Task.WaitAsync(Generous);
        await job.StopAsync(CancellationToken.None);

        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains(nameof(RecordingJob), message);
        Assert.Contains("counting test runs failed", message);
        Assert.Same(failure, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task An_interval_of_zero_or_less_turns_the_job_off_even_at_start(int seconds)
    {
        using var job = new RecordingJob(TimeSpan.FromSeconds(seconds), runsAtStart: true, _ => Task.CompletedTask);

        await job.StartAsync(CancellationToken.None);
        await job.ExecuteTask!.WaitAsync(Generous); // the job has ended of itself, without being stopped

        Assert.Equal(0, job.Runs);
        await job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_job_that_runs_at_start_runs_before_the_first_interval_has_passed()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // An interval no test waits for: the run can only be the one at start.
        using var job = new RecordingJob(TimeSpan.FromHours(1), runsAtStart: true, _ =>
        {
            ran.TrySetResult();
            return Task.CompletedTask;
        });

        await job.StartAsync(CancellationToken.None);
        await ran.Task.WaitAsync(Generous);
        await job.StopAsync(CancellationToken.None);

        Assert.Equal(1, job.Runs);
    }

    [Fact]
    public async Task A_job_that_runs_before_serving_has_run_once_when_its_start_returns()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var job = new RecordingJob(TimeSpan.FromHours(1), runsAtStart: false, _ => release.Task, runsBeforeServing: true);

        var start = job.StartAsync(CancellationToken.None);
        await Task.Delay(Short);
        Assert.False(start.IsCompleted); // the Host waits while the run is under way
        release.SetResult();
        await start.WaitAsync(Generous);

        Assert.Equal(1, job.Runs);
        await job.StopAsync(CancellationToken.None);
        Assert.Equal(1, job.Runs); // and the timer did not run it a second time at start
    }

    [Fact]
    public async Task A_run_before_serving_that_fails_is_logged_and_the_job_starts_and_ticks_anyway()
    {
        var warnings = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var job = new RecordingJob(Short, runsAtStart: false, run =>
        {
            if (run == 1) throw new InvalidOperationException("the database is restarting");
            second.TrySetResult();
            return Task.CompletedTask;
        }, (level, _, _) => { if (level == LogLevel.Warning) Interlocked.Increment(ref warnings); }, runsBeforeServing: true);

        await job.StartAsync(CancellationToken.None);
        Assert.Equal(1, Volatile.Read(ref warnings));
        await second.Task.WaitAsync(Generous);
        await job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_job_that_does_not_run_at_start_waits_for_the_first_interval()
    {
        using var job = new RecordingJob(TimeSpan.FromHours(1), runsAtStart: false, _ => Task.CompletedTask);

        await job.StartAsync(CancellationToken.None);
        await job.StopAsync(CancellationToken.None);

        Assert.Equal(0, job.Runs);
        Assert.True(job.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task Stopping_the_pod_ends_a_run_under_way_without_logging_a_failure()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var warnings = 0;
        using var job = new RecordingJob(Short, runsAtStart: true, async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }, (level, _, _) => { if (level >= LogLevel.Warning) Interlocked.Increment(ref warnings); });

        await job.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(Generous);
        await job.StopAsync(CancellationToken.None).WaitAsync(Generous);

        Assert.True(job.ExecuteTask!.IsCompleted);
        Assert.Equal(0, Volatile.Read(ref warnings));
    }

    /// <summary>Counts its runs and hands each (numbered from 1) to the test; logs to the test too.</summary>
    private sealed class RecordingJob(TimeSpan interval, bool runsAtStart, Func<int, CancellationToken, Task> run,
        Action<LogLevel, string, Exception?>? log = null, bool runsBeforeServing = false) : PeriodicJob(new TestLogger(log ?? ((_, _, _) => { })))
    {
        private int _runs;

        public RecordingJob(TimeSpan interval, bool runsAtStart, Func<int, Task> run, Action<LogLevel, string, Exception?>? log = null,
            bool runsBeforeServing = false)
            : this(interval, runsAtStart, (n, _) => run(n), log, runsBeforeServing) { }

        public int Runs => Volatile.Read(ref _runs);

        protected override TimeSpan Interval => interval;
        protected override bool RunsAtStart => runsAtStart;
        protected override bool RunsBeforeServing => runsBeforeServing;
        protected override string FailureMessage => "counting test runs failed";

        public override Task RunOnceAsync(CancellationToken ct) => run(Interlocked.Increment(ref _runs), ct);
    }

    private sealed class TestLogger(Action<LogLevel, string, Exception?> log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log(logLevel, formatter(state, exception), exception);
    }
}
