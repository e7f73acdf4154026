using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AddisPay.Products.AddProductImage;

// Inside the namespace, so the Contracts request is found before this folder's namespace of the same name.
using AddisPay.Products.Contracts;

/// <summary>
/// A staff member's picture: known by its bytes (<see cref="ImageSniffing"/>), not its name; at most the configured size;
/// stored under its SHA-256 and put first in the product's pictures, so the shop shows it first. Nothing is stored when
/// it is refused.
/// </summary>
internal sealed class AddProductImageHandler(ProductsDbContext db, ModuleWork<ProductsDbContext> work, IProductImageStore store, IOptions<ProductImageOptions> options,
    TimeProvider clock) : ICommandHandler<AddProductImage, StaffProductChanged>
{
    public const int MaxImages = 20;

    public async ValueTask<StaffProductChanged> Handle(AddProductImage command, CancellationToken ct)
    {
        var content = command.Content ?? [];
        var max = options.Value.MaxBytes;
        if (content.Length == 0) throw new ValidationFailedException("image", "Choose a picture to upload.");
        if (content.LongLength > max) throw new ValidationFailedException("image", $"The picture is {Size(content.LongLength)}; the most taken is {Size(max)}.");
        var contentType = ImageSniffing.ContentTypeOf(content)
            ?? throw new ValidationFailedException("image", "This file is not a JPEG, PNG or WebP picture (whatever its name says).");

        var product = await StaffProducts.LoadAsync(db, command.ProductId, ct) ?? throw new NotFoundException($"Product {command.ProductId} does not exist.");
        var before = await StaffProducts.ViewAsync(product, store, ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var url = ProductImages.Uploaded(product.Id, hash);
        if (product.Images.Contains(url)) return new StaffProductChanged(before, before, Replayed: true);
        if (product.Images.Count >= MaxImages) throw new ValidationFailedException("image", $"A product has at most {MaxImages} pictures; remove one first.");

        await store.SaveAsync(new StoredProductImage(product.Id, hash, contentType, content), ct);
        product.Images = [url, .. product.Images];
        product.UpdatedAt = clock.GetUtcNow();
        work.Raise(await StaffProducts.UpdatedEventAsync(db, product, ct));
        await work.FlushAsync(ct);
        return new StaffProductChanged(await StaffProducts.ViewAsync(product, store, ct), before, Replayed: false);
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";
}
