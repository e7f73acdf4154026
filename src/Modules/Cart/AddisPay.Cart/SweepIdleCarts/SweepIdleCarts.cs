using Microsoft.Extensions.Configuration;
using AddisPay.Shared.Modules;
using Microsoft.Extensions.Logging;

namespace AddisPay.Cart.SweepIdleCarts;

/// <summary>
/// Deletes carts left idle past <see cref="CartExpiryOptions"/>, every AddisPay:Cart:SweepInterval. Every
/// cart pod runs it and needs no coordination: each delete re-checks expiry in its own statement, so a
/// cart deleted by another pod is simply not found, and one the customer touched meanwhile is spared.
/// </summary>
internal sealed class IdleCartSweeper(ICartStore store, CartExpiry expiry, IConfiguration configuration, ILogger<IdleCartSweeper> log)
    : PeriodicJob(log)
{
    private const int BatchSize = 500;
    private const int MaxBatchesPerSweep = 200; // bounded; what is left waits for the next tick

    protected override TimeSpan Interval => configuration.GetValue("AddisPay:Cart:SweepInterval", TimeSpan.FromMinutes(15));
    protected override string FailureMessage => "sweeping idle carts failed";

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var swept = await SweepAsync(ct);
        if (swept > 0) log.LogInformation("Deleted {Count} idle carts", swept);
    }

    /// <returns>How many expired carts this sweep found (another pod may have deleted some of them first).</returns>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var found = 0;
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            await using var session = store.LightweightSession();
            var ids = await session.Query<Domain.Cart>().Where(expiry.Expired()).Select(c => c.Id).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            session.DeleteWhere(expiry.ExpiredAmong(ids.ToArray()));
            await session.SaveChangesAsync(ct);
            found += ids.Count;
            if (ids.Count < BatchSize) break;
        }
        return found;
    }
}
