using AddisPay.Products.Contracts;

namespace AddisPay.Products.CountLowStockHandler;

/// <summary>Published products' SKUs at or under the low-stock threshold, the one the stock ledger warns at.</summary>
internal sealed class CountLowStockHandler(ProductsDbContext db) : IQueryHandler<CountLowStock, int>
{
    public async ValueTask<int> Handle(CountLowStock query, CancellationToken ct) =>
        await db.Variants.AsNoTracking()
            .Where(v => v.OnHand - v.Reserved <= Variant.LowStockThreshold
                        && db.Products.Any(p => p.Id == v.ProductId && p.Status == ProductStatus.Published))
            .CountAsync(ct);
}
