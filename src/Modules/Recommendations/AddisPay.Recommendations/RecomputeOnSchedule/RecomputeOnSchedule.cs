using Microsoft.Extensions.Configuration;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.Logging;

namespace AddisPay.Recommendations.RecomputeOnSchedule;

/// <summary>
/// Recomputes the models every AddisPay:Recommendations:RecomputeInterval (15 minutes by default; zero turns it
/// off). Every recommendations pod runs the timer; the advisory lock lets one of them compute and the rest skip.
/// </summary>
internal sealed class RecomputeSchedule(ModelRecompute recompute, IConfiguration configuration, ILogger<RecomputeSchedule> log) : PeriodicJob(log)
{
    protected override TimeSpan Interval => configuration.GetValue("AddisPay:Recommendations:RecomputeInterval", TimeSpan.FromMinutes(15));
    protected override string FailureMessage => "recomputing recommendations failed; the previous model keeps serving";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        if (await recompute.RunAsync(wait: false, ct) is null)
            log.LogDebug("Another process is recomputing recommendations; skipping this tick");
    }
}
