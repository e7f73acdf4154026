using AddisPay.Products.Contracts;
using AddisPay.Products.CreateProduct;
using AddisPay.Products.UpdateProduct;
using Npgsql;

namespace AddisPay.Products.AddVariant;

/// <summary>
/// The back office's new variant on an existing product (the edit page): the API's variant rules (<see cref="VariantRequest"/>),
/// the product's row version as the edit form's other changes check it, the initial stock on the ledger as a new product's.
/// A published product is announced again with all its variants, so search and recommendations learn the new one.
/// </summary>
internal sealed class AddVariantForStaffHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock, IProductImageStore images)
    : ICommandHandler<AddVariantForStaff, StaffProductChanged>
{
    public async ValueTask<StaffProductChanged> Handle(AddVariantForStaff command, CancellationToken ct)
    {
        var sku = command.Sku?.Trim() ?? "";
        var options = (command.Options ?? new Dictionary<string, string>())
            .Where(o => !string.IsNullOrWhiteSpace(o.Key) && !string.IsNullOrWhiteSpace(o.Value))
            .ToDictionary(o => o.Key.Trim(), o => o.Value.Trim());
        var errors = Validation.Errors(new VariantRequest(sku, options, command.PriceEtb, command.Stock));
        if (options.Any(o => o.Key.Length > 50 || o.Value.Length > 100)) errors["options"] = ["An option's name has at most 50 characters and its value 100."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        sku = sku.ToUpperInvariant();

        var product = await StaffProducts.LoadAsync(db, command.ProductId, ct) ?? throw new NotFoundException($"Product {command.ProductId} does not exist.");
        var before = await StaffProducts.ViewAsync(product, images, ct);
        if (product.Variants.FirstOrDefault(v => v.Sku == sku) is { } existing)
            return AsAsked(existing, command.PriceEtb, options) ? new StaffProductChanged(before, before, Replayed: true) : throw Taken(sku);
        if (product.Status == ProductStatus.Archived) throw new ConflictException("An archived product takes no new variants.");
        if (product.Variants.Count >= 50) throw new ConflictException("A product has at most 50 variants.");
        if (product.Version != command.ExpectedVersion) throw new StaleWriteException();
        if (await db.Variants.AnyAsync(v => v.Sku == sku, ct)) throw Taken(sku);

        var now = clock.GetUtcNow();
        var variant = new Variant { Id = Guid.CreateVersion7(), ProductId = product.Id, Sku = sku, Options = options, PriceEtb = command.PriceEtb, OnHand = command.Stock };
        product.Variants.Add(variant);
        db.Variants.Add(variant);
        if (variant.OnHand > 0)
            db.StockMovements.Add(new StockMovement { VariantId = variant.Id, Sku = sku, OnHandDelta = variant.OnHand, Reason = "initial_stock", Actor = $"admin:{command.StaffId}", At = now });
        product.UpdatedAt = now;
        // The row version is checked again by the database, so an edit racing this one still fails.
        db.Entry(product).Property(p => p.Version).OriginalValue = command.ExpectedVersion;
        if (product.Status == ProductStatus.Published) work.Raise(CategoryPaths.Published(product, await CategoryPaths.OfAsync(db, product.CategoryId, ct)));
        try
        {
            await work.FlushAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleWriteException();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two submits of the form at once: the other one added it.
            throw Taken(sku);
        }
        return new StaffProductChanged(await StaffProducts.ViewAsync(product, images, ct), before, Replayed: false);
    }

    private static bool AsAsked(Variant v, decimal priceEtb, Dictionary<string, string> options) =>
        v.PriceEtb == priceEtb && v.Options.Count == options.Count && options.All(o => v.Options.TryGetValue(o.Key, out var value) && value == o.Value);

    private static ConflictException Taken(string sku) =>
        new($"SKU {sku} already exists.") { Reason = Refusal.Of("products.sku-taken", ("sku", sku)) };
}
