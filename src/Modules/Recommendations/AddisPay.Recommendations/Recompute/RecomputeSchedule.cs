using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AddisPay.Recommendations.Recompute;

/// <summary>
/// Recomputes the models every AddisPay:Recommendations:RecomputeInterval (15 minutes by default; zero turns it
/// off). Every recommendations pod runs the timer; the advisory lock lets one of them compute and the rest skip.
/// </summary>
internal sealed class RecomputeSchedule(ModelRecompute recompute, IConfiguration configuration, ILogger<RecomputeSchedule> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("AddisPay:Recommendations:RecomputeInterval", TimeSpan.FromMinutes(15));
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await recompute.RunAsync(wait: false, stoppingToken) is null)
                    log.LogDebug("Another process is recomputing recommendations; skipping this tick");
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Recomputing recommendations failed; the previous model keeps serving until the next tick");
            }
        }
    }
}
