using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AddisPay.Users.Accounts;

/// <summary>
/// Hourly, removes address counts untouched for a day. Every users pod may run it: the delete is idempotent and cheap
/// (an index on the last touch).
/// </summary>
internal sealed class ThrottleSweeper(IServiceScopeFactory scopes, ILogger<ThrottleSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<AddressThrottles>().ForgetStaleAsync(stoppingToken);
                if (removed > 0) log.LogInformation("Forgot {Count} stale address counts", removed);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Could not remove stale address counts; next try in an hour");
            }
        }
    }
}
