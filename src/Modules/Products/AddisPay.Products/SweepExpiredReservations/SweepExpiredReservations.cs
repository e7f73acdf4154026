using AddisPay.Products.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.Logging;

namespace AddisPay.Products.SweepExpiredReservations;

/// <summary>
/// Gives back stock held by checkouts that were neither paid nor cancelled in time. Several pods may run
/// it: each reservation is settled under a row lock, so a reservation expires once.
/// </summary>
internal sealed class ExpiredReservationSweeper(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock,
    ILogger<ExpiredReservationSweeper> log) : PeriodicJob(log)
{
    protected override TimeSpan Interval => configuration.GetValue("AddisPay:Products:ReservationSweepInterval", TimeSpan.FromSeconds(15));
    protected override string FailureMessage => "sweeping expired reservations failed";

    public override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

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
                await scope.ServiceProvider.GetRequiredService<ReservationSettlement>().SettleAsync(id, ReservationStatus.Expired, ct);
                // Not a command through Mediator: the sweep completes the unit of work itself (disposing the scope rolls a failure back).
                await scope.ServiceProvider.GetRequiredService<ModuleWork<ProductsDbContext>>().CompleteAsync(ct);
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
