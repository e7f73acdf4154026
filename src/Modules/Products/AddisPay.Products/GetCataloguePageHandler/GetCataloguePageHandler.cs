using AddisPay.Products.Contracts;

namespace AddisPay.Products.GetCataloguePageHandler;

internal sealed class GetCataloguePageHandler(ProductsDbContext db) : IQueryHandler<GetCataloguePage, IReadOnlyList<ProductPublished>>
{
    public async ValueTask<IReadOnlyList<ProductPublished>> Handle(GetCataloguePage query, CancellationToken ct)
    {
        var size = Math.Clamp(query.PageSize, 1, 1000);
        var q = db.Products.AsNoTracking().Include(p => p.Variants).Where(p => p.Status == ProductStatus.Published);
        if (query.After is { } after) q = q.Where(p => p.Id.CompareTo(after) > 0);
        var page = await q.OrderBy(p => p.Id).Take(size).AsSplitQuery().ToListAsync(ct);
        var paths = await CategoryPaths.AllAsync(db, ct);
        return page.Select(p => CategoryPaths.Published(p, p.CategoryId is { } c && paths.TryGetValue(c, out var path) ? path : null)).ToList();
    }
}
