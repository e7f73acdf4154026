using AddisPay.Products.Contracts;
using AddisPay.Products.GetProductImage;
using AddisPay.Products.GetUploadedImage;
using AddisPay.Products.RemoveProductImageHandler;

namespace AddisPay.Products.Domain;

/// <summary>A product as staff see it (<see cref="StaffProduct"/>): drafts included, stock on hand and reserved, uploaded pictures with their size.</summary>
internal static class StaffProducts
{
    /// <summary>The product with its variants and category, tracked (for a change), or null.</summary>
    public static Task<Product?> LoadAsync(ProductsDbContext db, Guid id, CancellationToken ct) =>
        db.Products.Include(p => p.Variants).Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id, ct);

    public static async Task<StaffProduct> ViewAsync(Product p, IProductImageStore store, CancellationToken ct)
    {
        var uploaded = p.Images.Any(url => ProductImages.UploadedHash(p.Id, url) is not null) ? await store.ListAsync(p.Id, ct) : [];
        var images = p.Images.Select(url => ProductImages.UploadedHash(p.Id, url) is { } hash && uploaded.FirstOrDefault(i => i.Hash == hash) is { } info
            ? new StaffProductImage(url, hash, info.ContentType, info.Bytes)
            : new StaffProductImage(url, null, null, null)).ToList();
        return new StaffProduct(p.Id, p.Slug, p.Name, p.NameAm, p.Description, p.DescriptionAm, p.Brand, p.Category?.Slug,
            p.Status.ToString().ToLowerInvariant(),
            p.Variants.OrderBy(v => v.PriceEtb).ThenBy(v => v.Sku)
                .Select(v => new StaffVariant(v.Sku, new Dictionary<string, string>(v.Options), v.PriceEtb, v.OnHand, v.Reserved)).ToList(),
            images, p.Version, p.CreatedAt, p.UpdatedAt, p.PublishedAt);
    }

    /// <summary>The shoppers' view of a published product's new text and pictures (nothing for a draft or an archived one).</summary>
    public static async Task<AddisPay.Shared.Contracts.IntegrationEvent[]> UpdatedEventAsync(ProductsDbContext db, Product p, CancellationToken ct) =>
        p.Status == ProductStatus.Published
            ? [new ProductUpdated(p.Id, p.Slug, p.Name, p.NameAm, p.Description, p.DescriptionAm, p.Brand, await CategoryPaths.OfAsync(db, p.CategoryId, ct), p.Images)]
            : [];
}
