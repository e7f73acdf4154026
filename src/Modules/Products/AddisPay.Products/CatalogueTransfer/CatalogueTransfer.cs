using System.Text.Json;
using AddisPay.Products.Domain;
using AddisPay.Products.Contracts;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.Data;
using AddisPay.Products.ImportProducts;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AddisPay.Products.CatalogueTransfer;

/// <summary>One import by a staff member's form: its key and, once done, its report (replayed to a second submit).</summary>
internal sealed class CatalogueImportRun
{
    /// <summary>The staff member's id and the form's idempotency key.</summary>
    public string Key { get; set; } = "";
    public Guid StaffId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The report as JSON; null while the import runs (its transaction holds the row).</summary>
    public string? Report { get; set; }
}

/// <summary>
/// The catalogue's file import and export as a back office sends them: the import runs the API's import rules
/// (<see cref="CatalogueImport"/>) matching existing products, once per form; the export writes what re-imports unchanged.
/// </summary>
internal sealed class CatalogueTransferRequests(ProductsDbContext db, ModuleWork<ProductsDbContext> work, CatalogueImport import) :
    ICommandHandler<ImportCatalogue, CatalogueImported>,
    IQueryHandler<ExportCataloguePage, CatalogueExportPage>,
    IQueryHandler<GetCatalogueTemplate, string>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<CatalogueImported> Handle(ImportCatalogue command, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (command.Format is not (CatalogueFormats.Csv or CatalogueFormats.Json)) errors["format"] = ["Import a csv or a json file."];
        if (string.IsNullOrWhiteSpace(command.Content)) errors["file"] = ["The file is empty."];
        else if (command.Content.Length > CatalogueFormats.MaxCharacters) errors["file"] = ["The file is larger than about 1 MB; split it."];
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || command.IdempotencyKey.Trim().Length > 100)
            errors["idempotencyKey"] = ["An idempotency key of 1 to 100 characters (one per form shown) makes a retried import safe."];
        if (command.StaffId == Guid.Empty) errors["staffId"] = ["Say which staff member imports."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var key = $"{command.StaffId:N}:{command.IdempotencyKey.Trim()}";
        if (await ReplayAsync(key, ct) is { } replayed) return replayed;
        var items = Parse(command.Format, command.Content);

        await work.BeginAsync(ct);
        var run = new CatalogueImportRun { Key = key, StaffId = command.StaffId, At = DateTimeOffset.UtcNow };
        db.CatalogueImports.Add(run);
        try
        {
            // Claimed first: a second submit of the form waits on this row and then finds it taken.
            await work.FlushAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await work.AbandonAsync();
            return await ReplayAsync(key, ct) ?? throw new ConflictException("This import is still running; look again in a moment.") { RetryAfter = TimeSpan.FromSeconds(2) };
        }
        var report = await import.RunAsync(items, command.StaffId.ToString(), matchExisting: true, ct);
        var imported = new CatalogueImported(report.Created, report.Updated, report.Unchanged, report.Failed,
            report.Rows.Select(r => new CatalogueImportRow(r.Row, r.Status, r.ProductId, r.Errors)).ToList(), false);
        run.Report = JsonSerializer.Serialize(imported, Json);
        return imported;
    }

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

    public ValueTask<string> Handle(GetCatalogueTemplate query, CancellationToken ct) => query.Format switch
    {
        CatalogueFormats.Csv => ValueTask.FromResult(CatalogueCsv.Header() + CatalogueCsv.Rows(CatalogueCsv.Example)),
        CatalogueFormats.Json => ValueTask.FromResult(JsonSerializer.Serialize(new[] { CatalogueCsv.Example }, new JsonSerializerOptions(Json) { WriteIndented = true })),
        _ => throw new ValidationFailedException("format", "A template is csv or json.")
    };

    private async Task<CatalogueImported?> ReplayAsync(string key, CancellationToken ct)
    {
        var run = await db.CatalogueImports.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct);
        return run?.Report is { } report ? JsonSerializer.Deserialize<CatalogueImported>(report, Json)! with { Replayed = true } : null;
    }

    private static List<(int Row, CreateProductRequest? Request, Dictionary<string, string[]>? ParseErrors)> Parse(string format, string content)
    {
        List<(int, CreateProductRequest?, Dictionary<string, string[]>?)> items;
        if (format == CatalogueFormats.Csv) items = CatalogueCsv.Parse(content);
        else
        {
            List<CreateProductRequest?>? list;
            try
            {
                list = JsonSerializer.Deserialize<List<CreateProductRequest?>>(content.TrimStart(CsvFormat.Bom), Json);
            }
            catch (JsonException e)
            {
                throw new ValidationFailedException("file", $"The JSON can't be read (line {e.LineNumber + 1}): send an array of products as the template shows.");
            }
            items = (list ?? throw new ValidationFailedException("file", "Send an array of products as the template shows."))
                .Select((r, i) => (i + 1, r, (Dictionary<string, string[]>?)null)).ToList();
        }
        if (items.Count > ImportProductsHandler.MaxRows)
            throw new ValidationFailedException("file", $"At most {ImportProductsHandler.MaxRows} products per import.");
        return items;
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
