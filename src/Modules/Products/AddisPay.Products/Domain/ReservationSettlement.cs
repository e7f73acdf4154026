using AddisPay.Products.Contracts;

namespace AddisPay.Products.Domain;

/// <summary>
/// Settles a reservation: committed on payment (stock leaves), released on cancellation or expiry (stock returns), and a
/// committed one restocked when its order is cancelled before shipping (the sold units return to the shelf). Shared by the
/// Contracts commands and the expiry sweep.
/// </summary>
internal sealed class ReservationSettlement(ModuleWork<ProductsDbContext> work, StockLedger ledger, TimeProvider clock)
{
    /// <summary>The ledger's reason for units of a cancelled order that never left the warehouse.</summary>
    public const string CancelledBeforeShipping = "cancelled_before_shipping";

    public async ValueTask<Reservation> SettleAsync(Guid id, ReservationStatus target, CancellationToken ct, string? note = null)
    {
        // Only a sale can be restocked; everything else settles a hold that is still active.
        var from = target == ReservationStatus.Restocked ? ReservationStatus.Committed : ReservationStatus.Active;
        await work.BeginAsync(ct);
        // One statement locks the reservation (so a payment and the expiry sweeper can't settle it twice) and, if it is
        // still active, settles it; it answers with the row as it was.
        var settled = await ReservationSql.SettleAsync(work, id, from, target, clock.GetUtcNow(), ct)
            ?? throw new NotFoundException($"Reservation {id} does not exist.");
        var (reservation, changed) = settled;
        if (reservation.Status == target
            || (target is ReservationStatus.Released or ReservationStatus.Expired && reservation.Status is ReservationStatus.Released or ReservationStatus.Expired))
            return reservation.ToContract(); // repeated request: nothing to do
        if (!changed)
            throw new ConflictException($"Reservation {id} is {reservation.Status.ToString().ToLowerInvariant()} and can't be {target switch
            {
                ReservationStatus.Committed => "committed",
                ReservationStatus.Restocked => "restocked (only a sale can be)",
                _ => "released"
            }}.");

        // Units of the sale already returned one by one (ReturnSoldUnits) are on the shelf: a restock puts back only the rest.
        var returned = target == ReservationStatus.Restocked ? await ReturnedAsync(work, id, ct) : new Dictionary<string, int>();
        foreach (var line in reservation.Lines)
        {
            if (target == ReservationStatus.Restocked)
            {
                var left = line.Quantity - returned.GetValueOrDefault(line.Sku);
                if (left <= 0) continue;
                if (await ledger.ApplyAsync(line.Sku, left, 0, CancelledBeforeShipping, reservation.Reference ?? "checkout", id, ct, note) != StockLedger.Outcome.Applied)
                    throw new InvalidOperationException($"Stock of {line.Sku} no longer covers reservation {id}.");
                continue;
            }
            var (onHand, reserved, reason) = target switch
            {
                ReservationStatus.Committed => (-line.Quantity, -line.Quantity, "sold"),
                // The sale took the units off the shelf and the hold with them: only on hand comes back.
                ReservationStatus.Restocked => (line.Quantity, 0, CancelledBeforeShipping),
                ReservationStatus.Expired => (0, -line.Quantity, "reservation_expired"),
                _ => (0, -line.Quantity, "released")
            };
            var outcome = await ledger.ApplyAsync(line.Sku, onHand, reserved, reason, reservation.Reference ?? "checkout", id, ct, note);
            if (outcome != StockLedger.Outcome.Applied)
                throw new InvalidOperationException($"Stock of {line.Sku} no longer covers reservation {id}.");
        }
        reservation.Status = target;
        return reservation.ToContract();
    }

    /// <summary>The units of a sale already returned one by one (ReturnSoldUnits), by SKU.</summary>
    public static async Task<Dictionary<string, int>> ReturnedAsync(ModuleWork<ProductsDbContext> work, Guid reservationId, CancellationToken ct) =>
        await work.Db.StockReturns.Where(r => r.ReservationId == reservationId)
            .GroupBy(r => r.Sku).Select(g => new { Sku = g.Key, Quantity = g.Sum(r => r.Quantity) })
            .ToDictionaryAsync(r => r.Sku, r => r.Quantity, StringComparer.Ordinal, ct);
}
