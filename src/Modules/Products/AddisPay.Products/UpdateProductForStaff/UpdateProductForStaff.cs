using AddisPay.Products.UpdateProduct;

namespace AddisPay.Products.UpdateProductForStaff;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>
/// The back office's edit: text and category through <see cref="UpdateProductHandler"/> (its rules and its row-version
/// check), prices by SKU as ChangePrice sets them (open carts are repriced), one save. A form sent twice
/// finds the product already as asked: nothing changes and the answer says Replayed instead of a 412.
/// </summary>
internal sealed class UpdateProductForStaffHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, TimeProvider clock, Data.IProductImageStore images)
    : ICommandHandler<UpdateProductForStaff, StaffProductChanged>
{
    public async ValueTask<StaffProductChanged> Handle(UpdateProductForStaff command, CancellationToken ct)
    {
        var product = await StaffProducts.LoadAsync(db, command.ProductId, ct) ?? throw new NotFoundException($"Product {command.ProductId} does not exist.");
        var before = await StaffProducts.ViewAsync(product, images, ct);
        var request = new UpdateProductRequest(command.Name?.Trim() ?? "", command.NameAm?.Trim() ?? "", Blank(command.Description), Blank(command.DescriptionAm),
            Blank(command.Brand), Blank(command.CategorySlug), product.Images, product.Attributes);
        var errors = Validation.Errors(request);
        var prices = (command.PricesEtb ?? new Dictionary<string, decimal>()).ToDictionary(p => p.Key.Trim().ToUpperInvariant(), p => p.Value);
        foreach (var (sku, price) in prices)
        {
            if (product.Variants.All(v => v.Sku != sku)) errors[$"prices[{sku}]"] = [$"This product has no SKU {sku}."];
            else if (price <= 0 || price > 10_000_000 || decimal.Round(price, 2) != price) errors[$"prices[{sku}]"] = ["Use a price above 0 with at most 2 decimals."];
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var unchanged = product.Name == request.Name && product.NameAm == request.NameAm && product.Description == request.Description
                        && product.DescriptionAm == request.DescriptionAm && product.Brand == request.Brand && product.Category?.Slug == request.CategorySlug
                        && prices.All(p => product.Variants.First(v => v.Sku == p.Key).PriceEtb == p.Value);
        if (unchanged) return new StaffProductChanged(before, before, Replayed: true);
        if (product.Version != command.ExpectedVersion) throw new StaleWriteException();

        foreach (var variant in product.Variants.Where(v => prices.TryGetValue(v.Sku, out var price) && price != v.PriceEtb))
        {
            work.Raise(new ProductPriceChanged(product.Id, variant.PriceEtb, prices[variant.Sku], variant.Sku));
            variant.PriceEtb = prices[variant.Sku];
        }
        await new UpdateProductHandler(db, work, clock).Handle(new UpdateProductCommand(product.Id, command.ExpectedVersion, request), ct);
        return new StaffProductChanged(await StaffProducts.ViewAsync(product, images, ct), before, Replayed: false);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
