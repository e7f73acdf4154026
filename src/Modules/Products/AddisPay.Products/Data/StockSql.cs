using Npgsql;
using NpgsqlTypes;

namespace AddisPay.Products.Data;

/// <summary>
/// The stock ledger's statement on <c>products.variants</c> and <c>products.stock_movements</c> (mapped by
/// <see cref="ProductsDbContext"/>): a conditional change of one SKU that writes its movement in the same statement, so two
/// checkouts racing for the last unit can't both win (the loser's UPDATE matches no row) and no change lacks its audit row.
/// One statement instead of a read, a tracked entity and a save: see docs/benchmarks.md, Checkout ("Stock changes and their
/// movements in one statement").
/// </summary>
internal static class StockSql
{
    private const string Change = """
        with changed as (
          update products.variants
             set "OnHand" = "OnHand" + @onHand, "Reserved" = "Reserved" + @reserved
           where "Sku" = @sku
             and "OnHand" + @onHand >= 0
             and "Reserved" + @reserved >= 0
             and "Reserved" + @reserved <= "OnHand" + @onHand
          returning "Id", "ProductId", "OnHand", "Reserved"
        ), moved as (
          insert into products.stock_movements ("VariantId", "Sku", "OnHandDelta", "ReservedDelta", "Reason", "Note", "Actor", "ReservationId", "At", "RequestKey")
          select "Id", @sku, @onHand, @reserved, @reason, @note, @actor, @reservation, @at, @requestKey from changed
        )
        select "Id", "ProductId", "OnHand", "Reserved" from changed
        """;

    /// <summary>The SKU's stock after the change, or null when the SKU is unknown or the change would break 0 ≤ reserved ≤ on hand.</summary>
    public static async Task<(Guid ProductId, int OnHand, int Reserved)?> ChangeAsync(ModuleWork<ProductsDbContext> work, StockMovement movement, CancellationToken ct)
    {
        await using var update = work.Command(Change);
        update.Parameters.AddWithValue("sku", movement.Sku);
        update.Parameters.AddWithValue("onHand", movement.OnHandDelta);
        update.Parameters.AddWithValue("reserved", movement.ReservedDelta);
        update.Parameters.AddWithValue("reason", movement.Reason);
        update.Parameters.Add(new NpgsqlParameter("note", NpgsqlDbType.Varchar) { Value = (object?)movement.Note ?? DBNull.Value });
        update.Parameters.AddWithValue("actor", movement.Actor);
        update.Parameters.Add(new NpgsqlParameter("reservation", NpgsqlDbType.Uuid) { Value = (object?)movement.ReservationId ?? DBNull.Value });
        update.Parameters.AddWithValue("at", movement.At);
        update.Parameters.Add(new NpgsqlParameter("requestKey", NpgsqlDbType.Varchar) { Value = (object?)movement.RequestKey ?? DBNull.Value });
        await using var reader = await update.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetGuid(1), reader.GetInt32(2), reader.GetInt32(3));
    }
}
