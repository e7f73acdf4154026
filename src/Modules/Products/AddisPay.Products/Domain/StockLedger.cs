using AddisPay.Products.Contracts;

namespace AddisPay.Products.Domain;

/// <summary>
/// Every stock change goes through here: one conditional UPDATE per SKU, so two checkouts racing for the
/// last unit can't both win (the loser's UPDATE matches no row), plus the audit movement and the events
/// other modules need, raised in the use case's unit of work. Must run inside its transaction (<see cref="ModuleWork{TContext}.BeginAsync"/>).
/// </summary>
internal sealed class StockLedger(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock)
{

    public enum Outcome { Applied, NotEnough, UnknownSku }

    /// <summary>Applies the deltas to one SKU if the result keeps 0 ≤ reserved ≤ on hand.</summary>
    public async Task<Outcome> ApplyAsync(string sku, int onHandDelta, int reservedDelta, string reason, string actor,
        Guid? reservationId, CancellationToken ct, string? note = null, string? requestKey = null)
    {
        if (!work.InTransaction) throw new InvalidOperationException("Stock changes must run in a transaction.");
        // The movement is written by the statement that changes the stock: no change without its audit row.
        var changed = await StockSql.ChangeAsync(work, new StockMovement
        {
            Sku = sku, OnHandDelta = onHandDelta, ReservedDelta = reservedDelta, Reason = reason, Note = note, Actor = actor,
            ReservationId = reservationId, At = clock.GetUtcNow(), RequestKey = requestKey
        }, ct);
        if (changed is { } stock)
        {
            Announce(stock.ProductId, sku, stock.OnHand, stock.Reserved, onHandDelta, reservedDelta, reason);
            return Outcome.Applied;
        }
        return await db.Variants.AnyAsync(v => v.Sku == sku, ct) ? Outcome.NotEnough : Outcome.UnknownSku;
    }

    private void Announce(Guid productId, string sku, int onHand, int reserved, int onHandDelta, int reservedDelta, string reason)
    {
        var available = onHand - reserved;
        var before = available + reservedDelta - onHandDelta;
        // A sale settles a hold: on hand and reserved fall together and what a customer can buy stays the same.
        // StockChanged is about availability, so no one is told (every subscriber would handle it for nothing).
        if (available != before) work.Raise(new StockChanged(productId, sku, onHand, reserved, available, reason));
        if (available == 0 && before > 0) work.Raise(new StockDepleted(productId, sku));
        else if (available > 0 && before <= 0) work.Raise(new StockReplenished(productId, sku, available));
        if (available is > 0 and <= Variant.LowStockThreshold && before > Variant.LowStockThreshold)
            work.Raise(new StockLow(productId, sku, available));
    }
}
