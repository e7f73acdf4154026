namespace AddisPay.Products.SearchStock;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>
/// Stock levels as a back office (another module) lists them for a staff member whose role it checked, by SKU or product
/// name, or only the low ones. Requests arrive without the API's validation filter, so their input is checked here.
/// </summary>
internal sealed class SearchStockHandler(ProductsDbContext db) : IQueryHandler<SearchStock, StockPage>
{
    public async ValueTask<StockPage> Handle(SearchStock query, CancellationToken ct)
    {
        var errors = Paging.Errors(query.Page, query.PageSize);
        if (query.Search is { Length: > 100 }) errors["search"] = ["Search with at most 100 characters."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var rows = StaffStockLevels.Query(db);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var pattern = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(r => EF.Functions.ILike(r.Variant.Sku, pattern, "\\") || EF.Functions.ILike(r.Product.Name, pattern, "\\")
                                   || EF.Functions.ILike(r.Product.NameAm, pattern, "\\"));
        }
        // The low-stock list is exactly what the dashboard counts (CountLowStock): the figure and the list agree.
        if (query.LowOnly)
            rows = rows.Where(r => r.Variant.OnHand - r.Variant.Reserved <= Variant.LowStockThreshold && r.Product.Status == ProductStatus.Published);
        var total = await rows.CountAsync(ct);
        var ordered = query.LowOnly
            ? rows.OrderBy(r => r.Variant.OnHand - r.Variant.Reserved).ThenBy(r => r.Variant.Sku)
            : rows.OrderBy(r => r.Variant.Sku);
        var page = await ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new StockPage(page.Select(r => StaffStockLevels.Of(r.Variant, r.Product)).ToList(), query.Page, query.PageSize, total);
    }
}
