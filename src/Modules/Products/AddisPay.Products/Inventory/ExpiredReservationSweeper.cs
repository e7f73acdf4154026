using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AddisPay.Products.Inventory;

/// <summary>
/// Gives back stock held by checkouts that were neither paid nor cancelled in time. Several pods may run
/// it: each reservation is settled under a row lock, so a reservation expires once.
/// </summary>
internal sealed class ExpiredReservationSweeper(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock,
    ILogger<ExpiredReservationSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("AddisPay:Products:ReservationSweepInterval", TimeSpan.FromSeconds(15));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Sweeping expired reservations failed; retrying at the next tick");
            }
        }
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        List<Guid> expired;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProductsDbContext>();
            var now = clock.GetUtcNow();
            expired = await db.Reservations.Where(r => r.Status == ReservationStatus.Active && r.ExpiresAt <= now)
                .OrderBy(r => r.ExpiresAt).Select(r => r.Id).Take(200).ToListAsync(ct);
        }
        var released = 0;
        foreach (var id in expired)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<SettleReservationHandler>().SettleAsync(id, ReservationStatus.Expired, ct);
                released++;
            }
            catch (ConflictException)
            {
                // Paid or cancelled meanwhile: nothing to give back.
            }
        }
        if (released > 0) log.LogInformation("Released {Count} expired stock reservations", released);
        return released;
    }
}
