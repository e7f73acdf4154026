using System.Globalization;
using System.Security.Claims;
using System.Text;
using AddisPay.Products.Catalogue;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.Data;
using AddisPay.Products.Inventory;
using AddisPay.Shared.Contracts;
using AddisPay.Shared.Events;
using AddisPay.Shared.Http;
using AddisPay.Shared.Security;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AddisPay.Products.ImportProducts;

public sealed record ImportRowResult(int Row, string Status, Guid? ProductId, IReadOnlyDictionary<string, string[]>? Errors);
public sealed record ImportReport(int Created, int Failed, IReadOnlyList<ImportRowResult> Rows);

internal sealed record ImportProductsCommand(IReadOnlyList<(int Row, CreateProductRequest? Request, Dictionary<string, string[]>? ParseErrors)> Items, string Actor)
    : ICommand<ImportReport>;

/// <summary>
/// Creates many products at once. Every row is checked like a single create; good rows are saved together,
/// bad rows are reported with their errors and write nothing.
/// </summary>
internal sealed class ImportProductsHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock) : ICommandHandler<ImportProductsCommand, ImportReport>
{
    public const int MaxRows = 1000;

    public async ValueTask<ImportReport> Handle(ImportProductsCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Slug, ct);
        var paths = await CategoryPaths.AllAsync(db, ct);
        var allSkus = command.Items.Where(i => i.Request is not null).SelectMany(i => i.Request!.AllVariants().Select(v => v.Sku.ToUpperInvariant())).ToList();
        var takenSkus = (await db.Variants.Where(v => allSkus.Contains(v.Sku)).Select(v => v.Sku).ToListAsync(ct)).ToHashSet();
        var seenSkus = new HashSet<string>();
        var slugs = new HashSet<string>();
        var results = new List<ImportRowResult>();
        var published = new List<IntegrationEvent>();
        var created = new List<(int Row, Product Product)>();

        foreach (var (row, request, parseErrors) in command.Items)
        {
            var errors = parseErrors ?? (request is null ? new() { ["row"] = ["Empty row."] } : Validation.Errors(request));
            if (errors.Count == 0 && request!.CategorySlug is { } slug && !categories.ContainsKey(slug)) errors["categorySlug"] = [$"There is no category '{slug}'."];
            var skus = request?.AllVariants().Select(v => v.Sku.ToUpperInvariant()).ToList() ?? [];
            if (errors.Count == 0 && skus.FirstOrDefault(s => takenSkus.Contains(s) || seenSkus.Contains(s)) is { } dup) errors["sku"] = [$"SKU {dup} already exists."];
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
            var product = new Product
            {
                Id = id, Slug = productSlug, Name = r.Name.Trim(), NameAm = r.NameAm.Trim(), Description = r.Description, DescriptionAm = r.DescriptionAm,
                Brand = r.Brand, CategoryId = category?.Id, Images = r.Images ?? [], Attributes = r.Attributes ?? new(), Status = ProductStatus.Draft,
                CreatedAt = now, UpdatedAt = now,
                Variants = r.AllVariants().Select(v => new Variant
                {
                    Id = Guid.CreateVersion7(), ProductId = id, Sku = v.Sku.ToUpperInvariant(), Options = v.Options ?? new(), PriceEtb = v.PriceEtb, OnHand = v.Stock
                }).ToList()
            };
            created.Add((row, product));
        }

        // Slugs already used in the catalogue get a suffix, as with a single create.
        var candidateSlugs = created.Select(c => c.Product.Slug).ToList();
        var takenSlugs = (await db.Products.Where(p => candidateSlugs.Contains(p.Slug)).Select(p => p.Slug).ToListAsync(ct)).ToHashSet();
        foreach (var (row, product) in created)
        {
            if (takenSlugs.Contains(product.Slug)) product.Slug = $"{product.Slug}-{product.Id.ToString("N")[^6..]}";
            db.Products.Add(product);
            foreach (var v in product.Variants.Where(v => v.OnHand > 0))
                db.StockMovements.Add(new StockMovement { VariantId = v.Id, Sku = v.Sku, OnHandDelta = v.OnHand, Reason = "initial_stock", Actor = command.Actor, At = now });
            var request = command.Items.First(i => i.Row == row).Request!;
            if (request.Publish)
                published.Add(product.Publish(now, product.CategoryId is { } c && paths.TryGetValue(c, out var path) ? path : null));
            results.Add(new ImportRowResult(row, "created", product.Id, null));
        }
        work.Raise(published);
        return new ImportReport(created.Count, results.Count(r => r.Status == "failed"), results.OrderBy(r => r.Row).ToList());
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
                var option = F(fields, "option_name");
                variants.Add(new VariantRequest(F(fields, "sku"), option.Length > 0 ? new() { [option] = F(fields, "option_value") } : null, price, stock));
            }
            string? Opt(string value) => value.Length == 0 ? null : value;
            var request = new CreateProductRequest(F(first, "name"), F(first, "name_am"), Opt(F(first, "description")), Opt(F(first, "description_am")),
                Opt(F(first, "brand")), null, Opt(F(first, "category")), null, null, variants, Publish: F(first, "publish") is "true" or "1" or "yes");
            return (g.Row, (CreateProductRequest?)request, errors.Count > 0 ? errors : null);
        }).ToList();
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static IEnumerable<string[]> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString()); field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); yield return fields.ToArray(); }
    }
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
