namespace AddisPay.Products.GetStockHistory;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>One SKU's level and its ledger, newest first, as a back office pages through it; null for an unknown SKU.</summary>
internal sealed class GetStockHistoryHandler(ProductsDbContext db) : IQueryHandler<GetStockHistory, StockHistory?>
{
    public async ValueTask<StockHistory?> Handle(GetStockHistory query, CancellationToken ct)
    {
        if (Paging.Errors(query.Page, query.PageSize) is { Count: > 0 } errors) throw new ValidationFailedException(errors);
        var sku = (query.Sku ?? "").Trim().ToUpperInvariant();
        var row = await StaffStockLevels.Query(db).FirstOrDefaultAsync(r => r.Variant.Sku == sku, ct);
        if (row is null) return null;
        var movements = db.StockMovements.AsNoTracking().Where(m => m.VariantId == row.Variant.Id);
        var total = await movements.CountAsync(ct);
        var items = await movements.OrderByDescending(m => m.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(m => new StockMovementEntry(m.Id, m.OnHandDelta, m.ReservedDelta, m.Reason, m.Note, m.Actor, m.At)).ToListAsync(ct);
        return new StockHistory(StaffStockLevels.Of(row.Variant, row.Product), items, query.Page, query.PageSize, total);
    }
}
