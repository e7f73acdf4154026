using AddisPay.Products.Contracts;

namespace AddisPay.Products.RemoveProductImageHandler;

/// <summary>Takes an uploaded picture off the product and out of the image store, together.</summary>
internal sealed class RemoveProductImageHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, IProductImageStore store, TimeProvider clock)
    : ICommandHandler<RemoveProductImage, StaffProductChanged>
{
    public async ValueTask<StaffProductChanged> Handle(RemoveProductImage command, CancellationToken ct)
    {
        var hash = command.Hash?.Trim().ToLowerInvariant() ?? "";
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit)) throw new ValidationFailedException("hash", "Name the picture by its SHA-256 (64 hex digits).");
        var product = await StaffProducts.LoadAsync(db, command.ProductId, ct) ?? throw new NotFoundException($"Product {command.ProductId} does not exist.");
        var before = await StaffProducts.ViewAsync(product, store, ct);
        var url = ProductImages.Uploaded(product.Id, hash);
        if (!product.Images.Contains(url)) return new StaffProductChanged(before, before, Replayed: true);

        product.Images = product.Images.Where(i => i != url).ToList();
        product.UpdatedAt = clock.GetUtcNow();
        await store.DeleteAsync(product.Id, hash, ct);
        work.Raise(await StaffProducts.UpdatedEventAsync(db, product, ct));
        await work.FlushAsync(ct);
        return new StaffProductChanged(await StaffProducts.ViewAsync(product, store, ct), before, Replayed: false);
    }
}
