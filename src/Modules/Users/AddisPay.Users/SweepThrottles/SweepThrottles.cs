using Microsoft.Extensions.DependencyInjection;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.Logging;

namespace AddisPay.Users.SweepThrottles;

/// <summary>
/// Hourly, removes address counts untouched for a day. Every users pod may run it: the delete is idempotent and cheap
/// (an index on the last touch).
/// </summary>
internal sealed class ThrottleSweeper(IServiceScopeFactory scopes, ILogger<ThrottleSweeper> log) : PeriodicJob(log)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);
    protected override string FailureMessage => "could not remove stale address counts";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<AddressThrottles>().ForgetStaleAsync(ct);
        if (removed > 0) log.LogInformation("Forgot {Count} stale address counts", removed);
    }
}
