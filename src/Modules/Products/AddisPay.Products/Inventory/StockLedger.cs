using AddisPay.Products.Contracts;
using AddisPay.Products.Data;
using AddisPay.Shared.Contracts;
using Microsoft.EntityFrameworkCore;
using AddisPay.Shared.Events;

namespace AddisPay.Products.Inventory;

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
        Guid? reservationId, CancellationToken ct, string? note = null)
    {
        if (!work.InTransaction) throw new InvalidOperationException("Stock changes must run in a transaction.");
        // The movement is written by the statement that changes the stock: no change without its audit row, and one
        // statement (and no tracked entity) instead of two per change.
        await using var update = work.Command("""
            with changed as (
              update products.variants
                 set "OnHand" = "OnHand" + @onHand, "Reserved" = "Reserved" + @reserved
               where "Sku" = @sku
                 and "OnHand" + @onHand >= 0
                 and "Reserved" + @reserved >= 0
                 and "Reserved" + @reserved <= "OnHand" + @onHand
              returning "Id", "ProductId", "OnHand", "Reserved"
            ), moved as (
              insert into products.stock_movements ("VariantId", "Sku", "OnHandDelta", "ReservedDelta", "Reason", "Note", "Actor", "ReservationId", "At")
              select "Id", @sku, @onHand, @reserved, @reason, @note, @actor, @reservation, @at from changed
            )
            select "Id", "ProductId", "OnHand", "Reserved" from changed
            """);
        update.Parameters.AddWithValue("sku", sku);
        update.Parameters.AddWithValue("onHand", onHandDelta);
        update.Parameters.AddWithValue("reserved", reservedDelta);
        update.Parameters.AddWithValue("reason", reason);
        update.Parameters.Add(new Npgsql.NpgsqlParameter("note", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)note ?? DBNull.Value });
        update.Parameters.AddWithValue("actor", actor);
        update.Parameters.Add(new Npgsql.NpgsqlParameter("reservation", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)reservationId ?? DBNull.Value });
        update.Parameters.AddWithValue("at", clock.GetUtcNow());
        await using (var reader = await update.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                var (productId, onHand, reserved) = (reader.GetGuid(1), reader.GetInt32(2), reader.GetInt32(3));
                await reader.DisposeAsync();
                Announce(productId, sku, onHand, reserved, onHandDelta, reservedDelta, reason);
                return Outcome.Applied;
            }
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
        if (available is > 0 and <= Catalogue.Variant.LowStockThreshold && before > Catalogue.Variant.LowStockThreshold)
            work.Raise(new StockLow(productId, sku, available));
    }
}
