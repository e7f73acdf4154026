using Npgsql;

namespace AddisPay.Rogue.Inventory;

/// <summary>A handler keeping its own SQL instead of calling its module's *Sql.cs family (SqlPlacementTests must catch it).</summary>
public sealed class RogueStockHandler
{
    public static NpgsqlCommand Restock(NpgsqlConnection connection) =>
        new("""update products.variants set "OnHand" = "OnHand" + 1 where "Sku" = @sku""", connection);
}
