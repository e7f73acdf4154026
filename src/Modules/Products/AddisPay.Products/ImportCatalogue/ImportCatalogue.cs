using System.Text.Json;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.ImportProducts;
using Npgsql;

namespace AddisPay.Products.ImportCatalogue;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>
/// The catalogue's file import as a back office sends it: the API's import rules (<see cref="CatalogueImport"/>) matching
/// existing products, once per form.
/// </summary>
internal sealed class ImportCatalogueHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, CatalogueImport import) :
    ICommandHandler<ImportCatalogue, CatalogueImported>
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
}
