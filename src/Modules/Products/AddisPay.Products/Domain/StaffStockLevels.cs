using AddisPay.Products.Contracts;

namespace AddisPay.Products.Domain;

/// <summary>A SKU's stock with its product, as the back office's stock pages show it (list, ledger and adjustment alike).</summary>
internal static class StaffStockLevels
{
    public sealed class Row
    {
        public Variant Variant { get; init; } = null!;
        public Product Product { get; init; } = null!;
    }

    public static IQueryable<Row> Query(ProductsDbContext db) =>
        from v in db.Variants.AsNoTracking()
        join p in db.Products.AsNoTracking() on v.ProductId equals p.Id
        select new Row { Variant = v, Product = p };

    public static StockLevel Of(Variant v, Product p) =>
        new(v.Sku, p.Id, p.Name, p.NameAm, v.Options, p.Status.ToString().ToLowerInvariant(), v.OnHand, v.Reserved, v.OnHand - v.Reserved);
}
