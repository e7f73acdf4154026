using System.ComponentModel.DataAnnotations;
using AddisPay.Market;
using AddisPay.Products.Contracts;
using Npgsql;

namespace AddisPay.Products.CreateProduct;

public sealed record VariantRequest(
    [property: Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{1,63}$", ErrorMessage = "Use 2-64 letters, digits or dashes.")] string Sku,
    Dictionary<string, string>? Options,
    [property: EtbPrice] decimal PriceEtb,
    [property: Range(0, 1_000_000)] int Stock);

/// <summary>
/// A new product. Give its variants, or for a single-variant product just <see cref="Sku"/>,
/// <see cref="PriceEtb"/> and <see cref="Stock"/>. It starts as a draft unless <see cref="Publish"/> is set.
/// </summary>
public sealed record CreateProductRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    [property: Required, StringLength(200, MinimumLength = 2)] string NameAm,
    [property: StringLength(4000)] string? Description = null,
    [property: StringLength(4000)] string? DescriptionAm = null,
    [property: StringLength(100)] string? Brand = null,
    [property: RegularExpression(Slugs.Pattern, ErrorMessage = "Use lower-case letters, digits and single dashes.")] string? Slug = null,
    string? CategorySlug = null,
    List<string>? Images = null,
    Dictionary<string, string>? Attributes = null,
    List<VariantRequest>? Variants = null,
    [property: RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{1,63}$", ErrorMessage = "Use 2-64 letters, digits or dashes.")] string? Sku = null,
    [property: EtbPrice] decimal? PriceEtb = null,
    [property: Range(0, 1_000_000)] int? Stock = null,
    bool Publish = false) : IValidatableObject
{
    public IReadOnlyList<VariantRequest> AllVariants() =>
        Variants is { Count: > 0 } ? Variants : Sku is null ? [] : [new VariantRequest(Sku, null, PriceEtb ?? 0, Stock ?? 0)];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Variants is { Count: > 0 } && (Sku is not null || PriceEtb is not null))
            yield return new ValidationResult("Give either variants or sku/priceEtb/stock, not both.", ["variants"]);
        if (Variants is not { Count: > 0 })
        {
            if (Sku is null) yield return new ValidationResult("A SKU is required (or a list of variants).", ["sku"]);
            if (PriceEtb is null) yield return new ValidationResult("A price in ETB is required.", ["priceEtb"]);
        }
        for (var i = 0; i < (Variants?.Count ?? 0); i++)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(Variants![i], new ValidationContext(Variants[i]), results, validateAllProperties: true);
            var index = i; // the member names are built lazily; don't let them see a later i
            foreach (var r in results)
                yield return new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => $"variants[{index}].{char.ToLowerInvariant(m[0])}{m[1..]}").ToList());
        }
        var skus = AllVariants().Select(v => v.Sku.ToUpperInvariant()).ToList();
        if (skus.Count != skus.Distinct().Count()) yield return new ValidationResult("SKUs must be unique.", ["variants"]);
        if (Variants?.Count > 50) yield return new ValidationResult("At most 50 variants.", ["variants"]);
        foreach (var (image, i) in (Images ?? []).Select((x, i) => (x, i)))
            if (!Uri.TryCreate(image, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                yield return new ValidationResult("Use an absolute http(s) URL.", [$"images[{i}]"]);
        if (Images?.Count > 20) yield return new ValidationResult("At most 20 images.", ["images"]);
        if (Attributes?.Count > 50 || Attributes?.Any(a => a.Key.Length > 50 || a.Value.Length > 200) == true)
            yield return new ValidationResult("At most 50 attributes, names up to 50 and values up to 200 characters.", ["attributes"]);
    }
}

/// <param name="CreationKey">The back office's form key: stored with the product, unique, so a second submit finds the first's product.</param>
internal sealed record CreateProductCommand(CreateProductRequest Request, string Actor, string? CreationKey = null) : ICommand<ProductView>;

internal sealed class CreateProductHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock) : ICommandHandler<CreateProductCommand, ProductView>
{
    public async ValueTask<ProductView> Handle(CreateProductCommand command, CancellationToken ct)
    {
        var r = command.Request;
        var now = clock.GetUtcNow();
        var category = r.CategorySlug is null ? null
            : await db.Categories.FirstOrDefaultAsync(c => c.Slug == r.CategorySlug, ct)
              ?? throw new ValidationFailedException("categorySlug", $"There is no category '{r.CategorySlug}'.");

        var variants = r.AllVariants();
        var skus = variants.Select(v => v.Sku.ToUpperInvariant()).ToList();
        var taken = await db.Variants.Where(v => skus.Contains(v.Sku)).Select(v => v.Sku).ToListAsync(ct);
        if (taken.Count > 0) throw new ConflictException($"SKU {string.Join(", ", taken)} already exists.");

        var id = Guid.CreateVersion7();
        var slug = r.Slug ?? Slugs.From(r.Name, $"product-{id:N}"[..16]);
        if (await db.Products.AnyAsync(p => p.Slug == slug, ct))
        {
            if (r.Slug is not null) throw new ConflictException($"The slug '{slug}' is taken.");
            slug = $"{slug}-{id.ToString("N")[^6..]}";
        }

        var product = new Product
        {
            Id = id, Slug = slug, Name = r.Name.Trim(), NameAm = r.NameAm.Trim(), Description = r.Description?.Trim(),
            DescriptionAm = r.DescriptionAm?.Trim(), Brand = r.Brand?.Trim(), Category = category, CategoryId = category?.Id,
            Images = r.Images ?? [], Attributes = r.Attributes ?? new(), Status = ProductStatus.Draft, CreatedAt = now, UpdatedAt = now,
            CreationKey = command.CreationKey,
            Variants = variants.Select(v => new Variant
            {
                Id = Guid.CreateVersion7(), ProductId = id, Sku = v.Sku.ToUpperInvariant(), Options = v.Options ?? new(), PriceEtb = v.PriceEtb, OnHand = v.Stock
            }).ToList()
        };
        db.Products.Add(product);
        foreach (var v in product.Variants.Where(v => v.OnHand > 0))
            db.StockMovements.Add(new StockMovement { VariantId = v.Id, Sku = v.Sku, OnHandDelta = v.OnHand, Reason = "initial_stock", Actor = command.Actor, At = now });
        var published = new List<IntegrationEvent>();
        if (r.Publish) published.Add(product.Publish(now, await CategoryPaths.OfAsync(db, product.CategoryId, ct)));
        work.Raise(published);
        try
        {
            await work.FlushAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("A product with this SKU or slug already exists.");
        }
        return ProductView.From(product);
    }
}

internal static class CreateProductEndpoint
{
    public static void MapCreateProduct(this IEndpointRouteBuilder api) =>
        api.MapPost("/", async (CreateProductRequest request, System.Security.Claims.ClaimsPrincipal user, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var product = await sender.Send(new CreateProductCommand(request, user.FindFirst("sub")?.Value ?? "admin"), ct);
                return Results.Created($"/api/products/{product.Id}", product);
            })
            .Validate<CreateProductRequest>()
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateProduct")
            .WithSummary("Adds a product with its variants (admin); a draft unless publish is set.")
            .Produces<ProductView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
