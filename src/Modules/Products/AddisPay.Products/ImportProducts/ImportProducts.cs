using System.Globalization;
using System.Security.Claims;
using System.Text;
using AddisPay.Products.Contracts;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.ReturnSoldUnitsHandler;
using AddisPay.Products.SweepExpiredReservations;

namespace AddisPay.Products.ImportProducts;

public sealed record ImportRowResult(int Row, string Status, Guid? ProductId, IReadOnlyDictionary<string, string[]>? Errors);
public sealed record ImportReport(int Created, int Failed, IReadOnlyList<ImportRowResult> Rows, int Updated = 0, int Unchanged = 0);

internal sealed record ImportProductsCommand(IReadOnlyList<(int Row, CreateProductRequest? Request, Dictionary<string, string[]>? ParseErrors)> Items, string Actor)
    : ICommand<ImportReport>;

/// <summary>
/// Creates many products at once. Every row is checked like a single create; good rows are saved together,
/// bad rows are reported with their errors and write nothing. The API's import only creates (a SKU that exists fails its row).
/// </summary>
internal sealed class ImportProductsHandler(CatalogueImport import) : ICommandHandler<ImportProductsCommand, ImportReport>
{
    public const int MaxRows = 1000;

    public async ValueTask<ImportReport> Handle(ImportProductsCommand command, CancellationToken ct) =>
        await import.RunAsync(command.Items, command.Actor, matchExisting: false, ct);
}

/// <summary>
/// The import's rules, for the API (create only) and the back office (<paramref name="matchExisting"/>: a row whose SKUs are
/// exactly an existing product's variants updates that product's names, descriptions, brand, category and prices, or is
/// reported unchanged when they are the same — so an export imported again changes nothing). Stock, options, images and
/// status of an existing product are not touched: stock moves only through the stock ledger, with a reason.
/// </summary>
internal sealed class CatalogueImport(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock)
{
    public async Task<ImportReport> RunAsync(IReadOnlyList<(int Row, CreateProductRequest? Request, Dictionary<string, string[]>? ParseErrors)> items,
        string actor, bool matchExisting, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Slug, ct);
        var paths = await CategoryPaths.AllAsync(db, ct);
        var allSkus = items.Where(i => i.Request is not null).SelectMany(i => i.Request!.AllVariants().Select(v => v.Sku.ToUpperInvariant())).ToList();
        var owners = await db.Variants.Where(v => allSkus.Contains(v.Sku)).Select(v => new { v.Sku, v.ProductId }).ToDictionaryAsync(v => v.Sku, v => v.ProductId, ct);
        var existing = matchExisting
            ? await db.Products.Include(p => p.Variants).Include(p => p.Category).Where(p => owners.Values.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct)
            : [];
        var seenSkus = new HashSet<string>();
        var slugs = new HashSet<string>();
        var results = new List<ImportRowResult>();
        var events = new List<IntegrationEvent>();
        var created = new List<(int Row, Product Product)>();

        foreach (var (row, request, parseErrors) in items)
        {
            var errors = parseErrors ?? (request is null ? new() { ["row"] = ["Empty row."] } : Validation.Errors(request));
            if (errors.Count == 0 && request!.CategorySlug is { } slug && !categories.ContainsKey(slug)) errors["categorySlug"] = [$"There is no category '{slug}'."];
            var skus = request?.AllVariants().Select(v => v.Sku.ToUpperInvariant()).ToList() ?? [];
            if (errors.Count == 0 && skus.FirstOrDefault(seenSkus.Contains) is { } repeated) errors["sku"] = [$"SKU {repeated} appears twice in this file."];
            if (errors.Count == 0 && matchExisting && skus.Any(owners.ContainsKey))
            {
                var product = skus.Where(owners.ContainsKey).Select(s => existing[owners[s]]).Distinct().ToList();
                if (product.Count == 1 && product[0].Variants.Select(v => v.Sku).ToHashSet().SetEquals(skus))
                {
                    foreach (var s in skus) seenSkus.Add(s);
                    var changed = Update(product[0], request!, request!.CategorySlug is { } c ? categories[c] : null, now, paths, events);
                    results.Add(new ImportRowResult(row, changed ? "updated" : "unchanged", product[0].Id, null));
                    continue;
                }
                errors["sku"] = [$"SKUs {string.Join(", ", skus.Where(owners.ContainsKey))} belong to an existing product: an import updates a product only with exactly its SKUs (add or remove variants in the catalogue)."];
            }
            if (errors.Count == 0 && skus.FirstOrDefault(owners.ContainsKey) is { } dup) errors["sku"] = [$"SKU {dup} already exists."];
            if (errors.Count > 0)
            {
                results.Add(new ImportRowResult(row, "failed", null, errors));
                continue;
            }
            foreach (var s in skus) seenSkus.Add(s);
            var r = request!;
            var id = Guid.CreateVersion7();
            var category = r.CategorySlug is null ? null : categories[r.CategorySlug];
            var productSlug = r.Slug ?? Slugs.From(r.Name, $"product-{id:N}"[..16]);
            if (!slugs.Add(productSlug)) slugs.Add(productSlug = $"{productSlug}-{id.ToString("N")[^6..]}");
            var fresh = new Product
            {
                Id = id, Slug = productSlug, Name = r.Name.Trim(), NameAm = r.NameAm.Trim(), Description = r.Description, DescriptionAm = r.DescriptionAm,
                Brand = r.Brand, CategoryId = category?.Id, Images = r.Images ?? [], Attributes = r.Attributes ?? new(), Status = ProductStatus.Draft,
                CreatedAt = now, UpdatedAt = now,
                Variants = r.AllVariants().Select(v => new Variant
                {
                    Id = Guid.CreateVersion7(), ProductId = id, Sku = v.Sku.ToUpperInvariant(), Options = v.Options ?? new(), PriceEtb = v.PriceEtb, OnHand = v.Stock
                }).ToList()
            };
            created.Add((row, fresh));
        }

        // Slugs already used in the catalogue get a suffix, as with a single create.
        var candidateSlugs = created.Select(c => c.Product.Slug).ToList();
        var takenSlugs = (await db.Products.Where(p => candidateSlugs.Contains(p.Slug)).Select(p => p.Slug).ToListAsync(ct)).ToHashSet();
        foreach (var (row, product) in created)
        {
            if (takenSlugs.Contains(product.Slug)) product.Slug = $"{product.Slug}-{product.Id.ToString("N")[^6..]}";
            db.Products.Add(product);
            foreach (var v in product.Variants.Where(v => v.OnHand > 0))
                db.StockMovements.Add(new StockMovement { VariantId = v.Id, Sku = v.Sku, OnHandDelta = v.OnHand, Reason = "initial_stock", Actor = actor, At = now });
            var request = items.First(i => i.Row == row).Request!;
            if (request.Publish)
                events.Add(product.Publish(now, product.CategoryId is { } c && paths.TryGetValue(c, out var path) ? path : null));
            results.Add(new ImportRowResult(row, "created", product.Id, null));
        }
        work.Raise(events);
        return new ImportReport(created.Count, results.Count(r => r.Status == "failed"), results.OrderBy(r => r.Row).ToList(),
            results.Count(r => r.Status == "updated"), results.Count(r => r.Status == "unchanged"));
    }

    /// <summary>Applies the row to an existing product; false when nothing differs.</summary>
    private static bool Update(Product p, CreateProductRequest r, Category? category, DateTimeOffset now, Dictionary<Guid, CategoryPath> paths,
        List<IntegrationEvent> events)
    {
        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var described = p.Name != r.Name.Trim() || p.NameAm != r.NameAm.Trim() || Text(p.Description) != Text(r.Description)
                        || Text(p.DescriptionAm) != Text(r.DescriptionAm) || Text(p.Brand) != Text(r.Brand) || p.CategoryId != category?.Id;
        var prices = r.AllVariants().Select(v => (Variant: p.Variants.First(x => x.Sku == v.Sku.ToUpperInvariant()), v.PriceEtb))
            .Where(x => x.Variant.PriceEtb != x.PriceEtb).ToList();
        if (!described && prices.Count == 0) return false;
        if (described)
        {
            p.Name = r.Name.Trim();
            p.NameAm = r.NameAm.Trim();
            p.Description = Text(r.Description);
            p.DescriptionAm = Text(r.DescriptionAm);
            p.Brand = Text(r.Brand);
            p.Category = category;
            p.CategoryId = category?.Id;
            if (p.Status == ProductStatus.Published)
                events.Add(new ProductUpdated(p.Id, p.Slug, p.Name, p.NameAm, p.Description, p.DescriptionAm, p.Brand,
                    p.CategoryId is { } c && paths.TryGetValue(c, out var path) ? path : null, p.Images));
        }
        foreach (var (variant, price) in prices)
        {
            events.Add(new ProductPriceChanged(p.Id, variant.PriceEtb, price, variant.Sku));
            variant.PriceEtb = price;
        }
        p.UpdatedAt = now;
        return true;
    }
}

/// <summary>
/// CSV, one row per variant; rows sharing a product_key form one product:
/// product_key,name,name_am,brand,category,description,description_am,sku,option_name,option_value,price_etb,stock,publish
/// </summary>
internal static class CatalogueCsv
{
    public static readonly string[] Columns =
        ["product_key", "name", "name_am", "brand", "category", "description", "description_am", "sku", "option_name", "option_value", "price_etb", "stock", "publish"];

    public static List<(int Row, CreateProductRequest? Request, Dictionary<string, string[]>? Errors)> Parse(string text)
    {
        var lines = Records(text).ToList();
        if (lines.Count == 0) throw new ValidationFailedException("file", "The CSV is empty.");
        var header = lines[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Columns.Except(header).ToList();
        if (missing.Count > 0) throw new ValidationFailedException("file", $"Missing columns: {string.Join(", ", missing)}.");
        var at = Columns.ToDictionary(c => c, c => header.IndexOf(c));
        var groups = new List<(int Row, string Key, List<string[]> Rows)>();
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = lines[i];
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            string F(string c) => at[c] < fields.Length ? fields[at[c]].Trim() : "";
            var key = F("product_key");
            var group = groups.FirstOrDefault(g => g.Key == key && key.Length > 0);
            if (group.Rows is null) groups.Add((i + 1, key, [fields]));
            else group.Rows.Add(fields);
        }
        return groups.Select(g =>
        {
            string F(string[] fields, string c) => at[c] < fields.Length ? fields[at[c]].Trim() : "";
            var first = g.Rows[0];
            var errors = new Dictionary<string, string[]>();
            var variants = new List<VariantRequest>();
            foreach (var fields in g.Rows)
            {
                if (!decimal.TryParse(F(fields, "price_etb"), NumberStyles.Number, CultureInfo.InvariantCulture, out var price)) errors["price_etb"] = ["Not a number."];
                if (!int.TryParse(F(fields, "stock"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var stock)) errors["stock"] = ["Not a whole number."];
                var options = Options(F(fields, "option_name"), F(fields, "option_value"));
                if (options is null) errors["option_value"] = ["Give as many option values as option names, separated by |."];
                variants.Add(new VariantRequest(F(fields, "sku"), options is { Count: > 0 } ? options : null, price, stock));
            }
            string? Opt(string value) => value.Length == 0 ? null : value;
            var request = new CreateProductRequest(F(first, "name"), F(first, "name_am"), Opt(F(first, "description")), Opt(F(first, "description_am")),
                Opt(F(first, "brand")), null, Opt(F(first, "category")), null, null, variants, Publish: F(first, "publish") is "true" or "1" or "yes");
            return (g.Row, (CreateProductRequest?)request, errors.Count > 0 ? errors : null);
        }).ToList();
    }

    private static IEnumerable<string[]> Records(string text) => CsvFormat.Records(text);

    /// <summary>A variant's options: "size" and "500 g", or several as "size|grind" and "500 g|whole bean"; null when the counts differ.</summary>
    private static Dictionary<string, string>? Options(string names, string values)
    {
        if (names.Length == 0) return [];
        var n = names.Split('|', StringSplitOptions.TrimEntries);
        var v = values.Split('|', StringSplitOptions.TrimEntries);
        if (n.Length != v.Length || n.Distinct().Count() != n.Length) return null;
        return n.Zip(v).ToDictionary(x => x.First, x => x.Second);
    }

    /// <summary>The header record, with the byte-order mark that makes spreadsheets read the file as UTF-8.</summary>
    public static string Header() => CsvFormat.Bom + CsvFormat.Line(Columns);

    /// <summary>One record per variant, the product's fields repeated on each; product_key is the product's slug.</summary>
    public static string Rows(CatalogueEntry p) => string.Concat(p.Variants.Select(v => CsvFormat.Line(
    [
        p.Slug, p.Name, p.NameAm, p.Brand, p.CategorySlug, p.Description, p.DescriptionAm, v.Sku,
        string.Join('|', v.Options.Keys), string.Join('|', v.Options.Values), v.PriceEtb.ToString("0.00", CultureInfo.InvariantCulture),
        v.Stock.ToString(CultureInfo.InvariantCulture), p.Publish ? "true" : "false"
    ])));

    public static readonly CatalogueEntry Example = new("yirgacheffe-coffee-beans", "Yirgacheffe coffee beans, washed", "የይርጋጨፌ ቡና", "Beans from Gedeo, roasted to order.",
        "በትዕዛዝ የሚቆላ የጌዴኦ ቡና።", "Addis Roasters", "coffee", [], new Dictionary<string, string>(), [new CatalogueEntryVariant("COF-YIRG-250-G", new() { ["size"] = "250 g" }, 420.00m, 40)], true);
}

internal static class ImportProductsEndpoint
{
    public static void MapImportProducts(this IEndpointRouteBuilder api) =>
        api.MapPost("/import", async (HttpRequest http, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
            {
                List<(int, CreateProductRequest?, Dictionary<string, string[]>?)> items;
                if (http.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
                {
                    using var reader = new StreamReader(http.Body, Encoding.UTF8);
                    items = CatalogueCsv.Parse(await reader.ReadToEndAsync(ct));
                }
                else
                {
                    var list = await http.ReadFromJsonAsync<List<CreateProductRequest?>>(ct)
                               ?? throw new ValidationFailedException("body", "Send a JSON array of products or a text/csv file.");
                    items = list.Select((r, i) => (i + 1, r, (Dictionary<string, string[]>?)null)).ToList();
                }
                if (items.Count > ImportProductsHandler.MaxRows)
                    throw new ValidationFailedException("body", $"At most {ImportProductsHandler.MaxRows} products per import.");
                var report = await sender.Send(new ImportProductsCommand(items, user.FindFirst("sub")?.Value ?? "admin"), ct);
                return report.Failed == 0 ? Results.Ok(report) : Results.Json(report, statusCode: StatusCodes.Status207MultiStatus);
            })
            .RequireAuthorization(Policies.Admin)
            .Accepts<List<CreateProductRequest>>("application/json", "text/csv")
            .WithName("ImportProducts")
            .WithSummary("Creates up to 1000 products from JSON or CSV (admin); 207 with a per-row error report when some rows fail.")
            .Produces<ImportReport>()
            .Produces<ImportReport>(StatusCodes.Status207MultiStatus);
}
