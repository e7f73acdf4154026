using System.Text.Json;
using AddisPay.Products.ImportProducts;

namespace AddisPay.Products.ExportCataloguePage;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>The catalogue's file export as a back office asks for it, a page at a time: what re-imports unchanged.</summary>
internal sealed class ExportCataloguePageHandler(ProductsDbContext db) : IQueryHandler<ExportCataloguePage, CatalogueExportPage>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<CatalogueExportPage> Handle(ExportCataloguePage query, CancellationToken ct)
    {
        if (query.Format is not (CatalogueFormats.Csv or CatalogueFormats.Json)) throw new ValidationFailedException("format", "Export as csv or json.");
        if (query.PageSize is < 1 or > 500) throw new ValidationFailedException("pageSize", "pageSize goes from 1 to 500.");
        var products = await db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Category)
            .Where(p => query.After == null || p.Id > query.After).OrderBy(p => p.Id).Take(query.PageSize).AsSplitQuery().ToListAsync(ct);
        var entries = products.Select(Entry).ToList();
        var text = query.Format == CatalogueFormats.Csv
            ? (query.After is null ? CatalogueCsv.Header() : "") + string.Concat(entries.Select(CatalogueCsv.Rows))
            : string.Join(",\n", entries.Select(e => JsonSerializer.Serialize(e, Json)));
        return new CatalogueExportPage(text, entries.Count, products.Count == query.PageSize ? products[^1].Id : null);
    }

    /// <summary>
    /// A product as a file holds it. Images are kept only when absolute (the drawn pictures' own /api addresses are the
    /// shop's, not importable); an import ignores an existing product's images anyway.
    /// </summary>
    private static CatalogueEntry Entry(Product p) =>
        new(p.Slug, p.Name, p.NameAm, p.Description, p.DescriptionAm, p.Brand, p.Category?.Slug,
            p.Images.Where(i => Uri.TryCreate(i, UriKind.Absolute, out var u) && u.Scheme is "http" or "https").ToList(), p.Attributes,
            p.Variants.OrderBy(v => v.Sku, StringComparer.Ordinal).Select(v => new CatalogueEntryVariant(v.Sku, v.Options, v.PriceEtb, v.OnHand)).ToList(),
            p.Status == ProductStatus.Published);
}
